#!/usr/bin/env node
// Runs a TypeScript script through tsx: `node bin/run-ts.mjs path/to/script.ts [args…]`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const script = process.argv[2];
if (!script) {
  console.error("usage: node bin/run-ts.mjs <script.ts> [args…]");
  process.exit(2);
}
register();
// The script sees its own arguments at process.argv[2…], as if it had been run directly.
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(script)).href);
