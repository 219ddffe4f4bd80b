import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ContractKind } from "../../abis/index.ts";
import { ConfigError } from "./errors.ts";
import { type NetworkFile, networkSchema, UNKNOWN } from "./network-schema.ts";

/** A contract the indexer can follow: address and start block are both known. */
export interface IndexedContract {
  kind: ContractKind;
  abi: string;
  address: `0x${string}`;
  startBlock: bigint;
}

/** A contract listed in the network file that cannot be indexed yet, and why. */
export interface UnresolvedContract {
  kind: ContractKind;
  reason: string;
}

export interface ChainConfig {
  name: string;
  layer: "L2" | "L3";
  chainId: number;
  rpcUrls: string[];
  finalityDepth: number;
  /** The block tag that names the final block; finalityDepth is used without it. */
  finalityTag?: "finalized" | "safe";
  pollingIntervalMs: number;
  /** Share of log queries cross-checked with a second answer (network-schema.ts); none if unset. */
  logCrossCheckRatio?: number;
  /** Most HTTP requests a second to each provider; no limit if unset. */
  maxRequestsPerSecond?: number;
  maxBlockRange: number;
  contracts: IndexedContract[];
  unresolved: UnresolvedContract[];
  /** The start block given on the command line or in the environment, if any. */
  startBlockOverride?: bigint;
}

export interface NetworkConfig {
  name: string;
  /** Absolute path of the file the network came from (or where a stored copy came from). */
  source: string;
  chains: ChainConfig[];
  /** The validated file itself, before overrides: what a phase records. */
  file: NetworkFile;
}

export interface LoadNetworkOptions {
  /** Environment to read `RPC_URL_<chainId>` and `START_BLOCK_<chainId>` overrides from. */
  env?: NodeJS.ProcessEnv;
  /** Start blocks given on the command line (`--start-block 421614=123`), by chain id. */
  startBlocks?: Map<number, bigint>;
}

const networksDir = join(dirname(fileURLToPath(import.meta.url)), "../../networks");

/** Resolves `--network`: a bundled name (`devnet`, `testnet-0`, …) or a path to a JSON file. */
export function resolveNetworkPath(nameOrPath: string): string {
  const looksLikePath = nameOrPath.includes("/") || nameOrPath.endsWith(".json");
  const path = looksLikePath
    ? isAbsolute(nameOrPath)
      ? nameOrPath
      : resolve(nameOrPath)
    : join(networksDir, `${nameOrPath}.json`);
  if (!existsSync(path)) {
    throw new ConfigError(
      looksLikePath
        ? `network file not found: ${path}`
        : `unknown network "${nameOrPath}": expected one of ${listBundledNetworks().join(", ")} or a path to a network file`,
    );
  }
  return path;
}

export function listBundledNetworks(): string[] {
  return ["devnet", "testnet-0", "testnet-1", "mainnet-lite"];
}

/**
 * Parses and validates a network file without touching the environment.
 * Every problem names the file, the field and what was expected.
 */
export function parseNetworkFile(path: string, text: string): NetworkFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = networkSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`,
    );
    throw new ConfigError(`${path}: invalid network file\n${problems.join("\n")}`);
  }
  return parsed.data;
}

/**
 * Loads a network by name or path, applies environment overrides and splits each chain's
 * contracts into those that can be indexed and those that cannot (unknown address or start block).
 *
 * @example
 * const network = loadNetwork("devnet", { env: process.env });
 * network.chains.map((chain) => chain.chainId); // [31337, 31338]
 */
export function loadNetwork(nameOrPath: string, options: LoadNetworkOptions = {}): NetworkConfig {
  const source = resolveNetworkPath(nameOrPath);
  return buildNetworkConfig(
    parseNetworkFile(source, readFileSync(source, "utf8")),
    source,
    options,
  );
}

/**
 * The network of an already validated file (e.g. the copy a phase stored), with the environment's
 * RPC and start-block overrides applied as loadNetwork does.
 */
export function buildNetworkConfig(
  file: NetworkFile,
  source: string,
  options: LoadNetworkOptions = {},
): NetworkConfig {
  const env = options.env ?? process.env;
  const chains = file.chains.map((chain): ChainConfig => {
    const rpcOverride = env[`RPC_URL_${chain.chainId}`];
    const rpcUrls = rpcOverride
      ? parseRpcUrls(`RPC_URL_${chain.chainId}`, rpcOverride)
      : chain.rpcUrls === UNKNOWN
        ? []
        : chain.rpcUrls;
    const startOverride =
      options.startBlocks?.get(chain.chainId) ??
      parseStartBlockEnv(env, `START_BLOCK_${chain.chainId}`);

    const contracts: IndexedContract[] = [];
    const unresolved: UnresolvedContract[] = [];
    for (const contract of chain.contracts) {
      if (contract.address === UNKNOWN) {
        unresolved.push({ kind: contract.kind, reason: "address unknown" });
        continue;
      }
      const startBlock =
        startOverride ??
        (contract.startBlock === UNKNOWN ? undefined : BigInt(contract.startBlock));
      if (startBlock === undefined) {
        unresolved.push({
          kind: contract.kind,
          reason: `start block unknown: pass --start-block ${chain.chainId}=N or set START_BLOCK_${chain.chainId}`,
        });
        continue;
      }
      contracts.push({
        kind: contract.kind,
        abi: contract.abi,
        address: contract.address,
        startBlock,
      });
    }

    return {
      name: chain.name,
      layer: chain.layer,
      chainId: chain.chainId,
      rpcUrls,
      finalityDepth: chain.finalityDepth,
      ...(chain.finalityTag ? { finalityTag: chain.finalityTag } : {}),
      pollingIntervalMs: chain.pollingIntervalMs,
      logCrossCheckRatio: chain.logCrossCheckRatio,
      ...(chain.maxRequestsPerSecond ? { maxRequestsPerSecond: chain.maxRequestsPerSecond } : {}),
      maxBlockRange: chain.maxBlockRange,
      contracts,
      unresolved,
      startBlockOverride: startOverride,
    };
  });

  return { name: file.name, source, chains, file };
}

function parseRpcUrls(variable: string, value: string): string[] {
  const urls = value
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);
  for (const url of urls) {
    if (!/^(https?|wss?):\/\//.test(url)) {
      throw new ConfigError(`${variable}: "${url}" is not an http(s) or ws(s) URL`);
    }
  }
  if (urls.length === 0) throw new ConfigError(`${variable}: expected one or more URLs`);
  return urls;
}

function parseStartBlockEnv(env: NodeJS.ProcessEnv, variable: string): bigint | undefined {
  const value = env[variable];
  if (value === undefined || value === "") return undefined;
  return parseBlockNumber(variable, value);
}

/** Parses a non-negative decimal block number, naming the parameter when it is malformed. */
export function parseBlockNumber(parameter: string, value: string): bigint {
  if (!/^\d+$/.test(value.trim())) {
    throw new ConfigError(`${parameter}: expected a non-negative block number, got "${value}"`);
  }
  return BigInt(value.trim());
}
