import type { PublicClient } from "viem";
import { createChainClient } from "../chain/create-chain-client.ts";
import { ConfigError } from "../config/errors.ts";
import type { ChainConfig, NetworkConfig } from "../config/load-network.ts";
import { recordChainError } from "../db/checkpoints.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { type Logger, redactRpcUrls } from "../logger/create-logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { WorkJob, WorkQueue } from "../queue/work-queue.ts";
import { ChainSyncer } from "./chain-syncer.ts";
import { CheckpointMovedError } from "./errors.ts";
import type { SyncProgress } from "./progress.ts";
import { fetchPendingTaskResults } from "./task-results/fetch-task-results.ts";

export const CHAIN_SYNC_JOB = "chain-sync";
/** Reads the results of ended tasks (eth_call at the end block), behind the sync. */
export const TASK_RESULTS_JOB = "task-results";

export interface SyncWorkersOptions {
  network: NetworkConfig;
  database: DatabaseHandle;
  queue: WorkQueue;
  logger: Logger;
  /** How long one job may index before it yields to the next poll (ms). */
  jobBudgetMs?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Counts events, blocks and failed jobs of this process. */
  metrics?: Metrics;
  /** Replaces the viem client of a chain (tests point it at a proxy). */
  clientFor?: (chain: ChainConfig) => PublicClient;
}

export interface SyncWorkers {
  chains: ChainConfig[];
  stop(): Promise<void>;
}

/** The chains that can be indexed; the others are reported once, with the reason. */
export function indexableChains(network: NetworkConfig, logger: Logger): ChainConfig[] {
  for (const chain of network.chains) {
    for (const contract of chain.unresolved) {
      logger.warn(
        { chainId: chain.chainId, contract: contract.kind },
        `not indexed: ${contract.reason}`,
      );
    }
  }
  const chains = network.chains.filter((chain) => chain.contracts.length > 0);
  if (chains.length === 0) {
    throw new ConfigError(
      `network "${network.name}" (${network.source}) has no contract with a known address and start block on any chain`,
    );
  }
  return chains;
}

/**
 * Registers two repeating jobs per chain and processes them: `chain-sync` indexes the chain until
 * caught up or out of budget, `task-results` reads the results of tasks that ended. Any number of processes may run this against one Postgres and
 * Redis: a process never runs two jobs of one chain at once, and across processes the checkpoint
 * lock decides (see index-block-range.ts).
 */
export async function startSyncWorkers(options: SyncWorkersOptions): Promise<SyncWorkers> {
  const { network, database, queue, logger } = options;
  const chains = indexableChains(network, logger);
  const syncers = new Map<number, ChainSyncer>();
  const clients = new Map<number, PublicClient>();
  for (const chain of chains) {
    const client = options.clientFor?.(chain) ?? createChainClient(chain);
    const syncer = new ChainSyncer({
      network: network.name,
      chain,
      db: database.db,
      client,
      onProgress: (progress) => {
        const labels = { chain_id: String(progress.chainId) };
        options.metrics?.eventsStored.inc(labels, progress.newEvents);
        options.metrics?.blocksIndexed.inc(labels, progress.newBlocks);
        options.onProgress?.(progress);
      },
    });
    await syncer.prepare();
    syncers.set(chain.chainId, syncer);
    clients.set(chain.chainId, client);
  }

  const running = new Set<string>();
  const budget = options.jobBudgetMs ?? 5_000;
  const runJob = async (job: WorkJob): Promise<void> => {
    const chainId = Number(job.data.chainId);
    const syncer = syncers.get(chainId);
    const chain = chains.find((candidate) => candidate.chainId === chainId);
    const client = clients.get(chainId);
    const slot = `${job.name}:${chainId}`;
    if (!syncer || !chain || !client || running.has(slot)) return;
    running.add(slot);
    try {
      if (job.name === CHAIN_SYNC_JOB) await syncer.syncUntil(Date.now() + budget);
      else if (job.name === TASK_RESULTS_JOB)
        await fetchPendingTaskResults(database.db, client, chain);
    } catch (error) {
      // Another process indexed the range first: not a failure, the next poll continues from there.
      if (error instanceof CheckpointMovedError) return;
      // Provider URLs carry API keys, and viem puts the URL in its messages: never store or log them.
      const message = redactRpcUrls(
        error instanceof Error ? error.message : String(error),
        chain.rpcUrls,
      );
      logger.error({ chainId, job: job.name, error: message }, "job failed");
      options.metrics?.jobFailures.inc({ job: job.name, chain_id: String(chainId) });
      await recordChainError(database.db, chainId, message).catch(() => {});
      throw error;
    } finally {
      running.delete(slot);
    }
  };

  await queue.startProcessing(runJob, Math.max(chains.length * 2, 2));
  for (const chain of chains) {
    for (const name of [CHAIN_SYNC_JOB, TASK_RESULTS_JOB]) {
      await queue.scheduleRepeating({
        key: `${name}:${network.name}:${chain.chainId}`,
        name,
        data: { chainId: chain.chainId },
        everyMs: chain.pollingIntervalMs,
      });
    }
  }
  return { chains, stop: () => queue.close() };
}
