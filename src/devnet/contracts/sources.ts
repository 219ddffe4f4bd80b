import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The devnet contracts in deployment order (the order fixes their addresses). */
export const devnetContractNames = [
  "SessionQueueV2",
  "SessionV2",
  "NodePool",
  "NodeReputation",
  "NodeStats",
  "NodeVersion",
  "CognitiveV1",
  "CognitiveLevel",
  "SessionQueueValidation",
] as const;

export type DevnetContractName = (typeof devnetContractNames)[number];

/** solc standard-JSON settings; part of the source hash so a settings change forces a rebuild. */
export const compilerSettings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
} as const;

export const contractsDir = dirname(fileURLToPath(import.meta.url));

/** Reads every `.sol` file next to this module, keyed by file name, in a stable order. */
export function readContractSources(dir = contractsDir): Record<string, string> {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".sol"))
    .sort();
  return Object.fromEntries(files.map((file) => [file, readFileSync(join(dir, file), "utf8")]));
}

/** sha256 over the compiler settings and every source file (name and content). */
export function hashContractSources(sources: Record<string, string>): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(compilerSettings));
  for (const file of Object.keys(sources).sort()) {
    hash.update(`\0${file}\0${sources[file]}`);
  }
  return hash.digest("hex");
}
