#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts and everything it imports from src/ and abis/) into one ES
// module, dist/cli/main.mjs, with the packages left as imports, and the worker's fetch thread
// (src/sync/fetch-thread/fetch-thread-main.ts) beside it, dist/cli/fetch-thread.mjs.
// bin/cortensor-indexer.mjs runs the bundle when it is at least as new as the sources, and the
// sources through tsx otherwise: a bundle starts in a fraction of the time and memory tsx needs
// to compile ~250 modules at start.
// A bundle sits two folders deep, like every module of src/, so the paths they resolve from
// their own location (../../drizzle, ../../networks) stay right. Runs on `npm install`.
import { existsSync, realpathSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bundles `entry` (relative to the project) into `outfile`, written beside and renamed, so a
 * process starting meanwhile never imports half a file.
 */
export async function buildBundle(entry, outfile) {
  const { build } = await import("esbuild");
  const target = join(root, outfile);
  const partial = `${target}.${process.pid}.partial`;
  await build({
    entryPoints: [join(root, entry)],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    keepNames: true,
    logLevel: "warning",
  });
  renameSync(partial, target);
  return target;
}

const runDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
// The Docker image installs its dependencies before it copies the sources: nothing to build yet.
if (runDirectly && existsSync(join(root, "src/cli/main.ts"))) {
  // The fetch thread's bundle first: bin/cortensor-indexer.mjs dates the build by main.mjs.
  await buildBundle("src/sync/fetch-thread/fetch-thread-main.ts", "dist/cli/fetch-thread.mjs");
  await buildBundle("src/cli/main.ts", "dist/cli/main.mjs");
}
