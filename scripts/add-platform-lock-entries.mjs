#!/usr/bin/env node
// Registries that mirror only this machine's platform packages make `npm install` leave the other
// platforms' optional binaries (biome, anvil, msgpackr) out of package-lock.json, and `npm ci`
// then refuses the lockfile. This adds the entries npm would have written, with the os/cpu/libc
// constraints that make every other platform skip them. Run it after changing dependencies:
//   npm install && npm run lock:platforms
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));

/** Platform constraints read from a package name such as `cli-linux-arm64-musl` or `anvil-darwin-amd64`. */
function constraintsOf(name) {
  const match = /-(android|darwin|linux|win32)-(arm64|x64|amd64|arm|ia32)(-musl|-gnu)?$/.exec(name);
  if (!match) return null;
  const [, os, cpu, libc] = match;
  return {
    os: [os],
    cpu: [cpu === "amd64" ? "x64" : cpu],
    ...(libc ? { libc: [libc.slice(1) === "musl" ? "musl" : "glibc"] } : {}),
  };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (lock.packages[target] || lock.packages[nested]) continue;
    const constraints = constraintsOf(name);
    if (!constraints) continue;
    lock.packages[target] = { version, optional: true, ...constraints };
    added += 1;
  }
}

const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
  ),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries to package-lock.json`);
