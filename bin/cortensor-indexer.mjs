#!/usr/bin/env node
// Runs the CLI: the bundle `npm install` builds (scripts/build-cli.mjs) when it is at least as new
// as every source file, else the TypeScript sources directly through tsx, so an edited checkout
// never runs stale code and `npm ci` stays the only build step.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist/cli/main.mjs");

/** Whether any file under the source folders changed after the bundle was built. */
function sourcesNewerThan(time) {
  for (const folder of ["src", "abis"]) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (
        entry.isFile() &&
        statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > time
      ) {
        return true;
      }
    }
  }
  return false;
}

if (existsSync(bundle) && !sourcesNewerThan(statSync(bundle).mtimeMs)) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
