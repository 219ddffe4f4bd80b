import type { Command } from "commander";
import { createChainClient } from "../../chain/create-chain-client.ts";
import type { ChainConfig } from "../../config/load-network.ts";
import { readCheckpoint } from "../../db/checkpoints.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { redactRpcUrl, redactRpcUrls } from "../../logger/create-logger.ts";
import { type CommonOptions, loadRuntime, openRuntimeDatabase } from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

interface RpcProbe {
  url: string;
  ok: boolean;
  chainId?: number;
  head?: string;
  latencyMs?: number;
  error?: string;
}

/** Asks one RPC URL for its chain id and head, with the time it took. */
async function probeRpc(chain: ChainConfig, rpcUrl: string): Promise<RpcProbe> {
  const started = performance.now();
  const url = redactRpcUrl(rpcUrl);
  try {
    const client = createChainClient({ ...chain, rpcUrls: [rpcUrl] });
    const [chainId, head] = await Promise.all([client.getChainId(), client.getBlockNumber()]);
    const probe: RpcProbe = { url, ok: chainId === chain.chainId, chainId, head: head.toString() };
    if (chainId !== chain.chainId)
      probe.error = `answers for chain ${chainId}, expected ${chain.chainId}`;
    return { ...probe, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      url,
      ok: false,
      error: (error as { shortMessage?: string }).shortMessage ?? String(error),
    };
  }
}

/**
 * The operator's first checks in one report: the network and its contract matrix, each RPC URL's
 * health, and how far each chain is indexed and whether it is failing.
 */
export async function collectStatus(
  runtime: ReturnType<typeof loadRuntime>,
  database: DatabaseHandle,
) {
  const chains = await Promise.all(
    runtime.network.chains.map(async (chain) => {
      const checkpoint = await readCheckpoint(database.db, chain.chainId);
      const rpc = await Promise.all(chain.rpcUrls.map((url) => probeRpc(chain, url)));
      return {
        chainId: chain.chainId,
        name: chain.name,
        layer: chain.layer,
        finalityDepth: chain.finalityDepth,
        contracts: [
          ...chain.contracts.map((c) => ({
            kind: c.kind,
            abi: c.abi,
            address: c.address,
            startBlock: c.startBlock.toString(),
          })),
          ...chain.unresolved.map((c) => ({ kind: c.kind, indexed: false, reason: c.reason })),
        ],
        rpc,
        indexing: checkpoint
          ? {
              lastIndexedBlock: checkpoint.lastIndexedBlock.toString(),
              headBlock: checkpoint.headBlock?.toString() ?? null,
              lagBlocks:
                checkpoint.headBlock === null
                  ? null
                  : (checkpoint.headBlock - checkpoint.lastIndexedBlock).toString(),
              caughtUp: checkpoint.caughtUpAt !== null,
              lastError: checkpoint.lastError,
              lastErrorAt: checkpoint.lastErrorAt?.toISOString() ?? null,
            }
          : null,
      };
    }),
  );
  return { network: runtime.network.name, source: runtime.network.source, chains };
}

export function registerStatusCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("status")
      .description(
        "print the network, its contracts and start blocks, RPC health and indexing progress as JSON",
      ),
  ).action(async (options: CommonOptions) => {
    const runtime = loadRuntime({ ...options }, { ...process.env, LOG_LEVEL: "warn" });
    const database = await openRuntimeDatabase(runtime, { migrate: false });
    try {
      const status = await collectStatus(runtime, database);
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      const healthy = status.chains.every(
        (chain) => chain.rpc.some((probe) => probe.ok) && !chain.indexing?.lastError,
      );
      process.exitCode = healthy ? 0 : 1;
    } finally {
      await database.close();
    }
  });
}
