import { buildNetworkConfig, type NetworkConfig } from "../config/load-network.ts";
import type { NetworkFile } from "../config/network-schema.ts";
import type { PhaseRow } from "../db/control-schema/index.ts";

/** What a phase records of its network: the file and the start blocks it was given. */
export type PhaseNetwork = Pick<NetworkConfig, "name" | "source" | "file" | "chains">;

/** The columns of a phase row that describe its network. */
export function phaseNetworkRecord(network: PhaseNetwork) {
  const startBlocks: Record<string, string> = {};
  for (const chain of network.chains) {
    if (chain.startBlockOverride !== undefined) {
      startBlocks[String(chain.chainId)] = chain.startBlockOverride.toString();
    }
  }
  return {
    networkName: network.name,
    networkSource: network.source,
    networkFile: network.file,
    startBlocks,
  };
}

/**
 * The network a phase follows, rebuilt from what it recorded. The environment still supplies RPC
 * URLs (they are per deployment, and may carry keys), but never start blocks: those belong to
 * the phase and do not change after it was created.
 */
export function networkOfPhase(phase: PhaseRow, env: NodeJS.ProcessEnv): NetworkConfig {
  const rpcOnly = Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith("START_BLOCK_")),
  );
  const startBlocks = new Map(
    Object.entries(phase.startBlocks).map(([chainId, block]) => [Number(chainId), BigInt(block)]),
  );
  return buildNetworkConfig(phase.networkFile as NetworkFile, phase.networkSource, {
    env: rpcOnly,
    startBlocks,
  });
}
