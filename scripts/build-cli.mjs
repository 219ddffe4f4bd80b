#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts and everything it imports from src/ and abis/) into one ES
// module, dist/cli/main.mjs, with the packages left as imports. bin/cortensor-indexer.mjs runs it
// when it is at least as new as the sources, and the sources through tsx otherwise: a bundle
// starts in a fraction of the time and memory tsx needs to compile ~250 modules at start.
// The bundle sits two folders deep, like every module of src/, so the paths they resolve from
// their own location (../../drizzle, ../../networks) stay right. Runs on `npm install`.
import { existsSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src/cli/main.ts");
// The Docker image installs its dependencies before it copies the sources: nothing to build yet.
if (!existsSync(entry)) process.exit(0);

const { build } = await import("esbuild");
const outfile = join(root, "dist/cli/main.mjs");
// Written beside and renamed: a process starting meanwhile never imports half a file.
const partial = `${outfile}.${process.pid}.partial`;
await build({
  entryPoints: [entry],
  outfile: partial,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  keepNames: true,
  logLevel: "warning",
});
renameSync(partial, outfile);
