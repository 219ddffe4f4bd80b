import pLimit from "p-limit";
import type { PublicClient } from "viem";
import { createChainClient } from "../chain/create-chain-client.ts";
import { ConfigError } from "../config/errors.ts";
import type { ChainConfig, NetworkConfig } from "../config/load-network.ts";
import { readCheckpoint, recordChainError } from "../db/checkpoints.ts";
import type { Database, DatabaseHandle } from "../db/client.ts";
import { type Logger, redactRpcUrls } from "../logger/create-logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { WorkJob } from "../queue/work-queue.ts";
import { AdaptiveRange } from "./adaptive-range.ts";
import { BACKFILL_BLOCKS, ChainSyncer } from "./chain-syncer.ts";
import { CheckpointMovedError, PhaseArchivedError } from "./errors.ts";
import type { FetchThread } from "./fetch-thread/fetch-thread.ts";
import type { SyncProgress } from "./progress.ts";
import { type ArchivedLogStore, indexFromArchivedLogs } from "./reuse-archived-logs.ts";
import { FETCH_LOGS_JOB, type FetchJobData, fetchIntoStore } from "./store/fetch-into-store.ts";
import type { FetchJobSink } from "./store/stored-final-blocks.ts";
import {
  fetchTaskResultsUntil,
  RESULT_ROUNDS_IN_FLIGHT,
} from "./task-results/fetch-task-results.ts";

export const CHAIN_SYNC_JOB = "chain-sync";
/**
 * `fetch-logs` jobs a process runs at once, whatever its free queue slots: a process that holds
 * no chain's lease would otherwise fill every slot with fetches, each holding a few ranges of
 * logs in memory.
 */
const FETCHES_AT_ONCE = 2;
/** Reads the results of ended tasks (eth_call at the end block), behind the sync. */
export const TASK_RESULTS_JOB = "task-results";

/** What the workers index: a network's chains into one database (one phase's tables). */
export interface SyncTarget {
  /** The phase written to; null for an index that has no phases recorded. */
  phaseId: string | null;
  network: NetworkConfig;
  database: DatabaseHandle;
  /** Archived phases whose stored logs stand in for the RPC where they cover the new ranges. */
  archived?: readonly ArchivedLogStore[];
}

export interface ChainJobsOptions {
  logger: Logger;
  /** How long one job may index before it yields to the next poll (ms). */
  jobBudgetMs?: number;
  onProgress?: (progress: SyncProgress) => void;
  metrics?: Metrics;
  /**
   * Replaces the viem client of a chain (tests point it at a proxy). `firstProvider` 1 asks for
   * the cross-check client, which starts with another provider (see createChainClient).
   */
  clientFor?: (chain: ChainConfig, firstProvider?: number) => PublicClient;
  /** Where projectors send `fetch-logs` jobs (the work queue); default: each runs its own. */
  fetchQueue?: FetchJobSink;
  /** Runs the `fetch-logs` jobs this process takes; default: on this thread. */
  fetchThread?: FetchThread;
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
 * The jobs of one sync target: a syncer and an RPC client per indexable chain. `run` takes a
 * queue job and does it; a process never runs two jobs of one chain at once, and across
 * processes the checkpoint lock decides (see index-block-range.ts).
 */
export class ChainJobs {
  readonly chains: ChainConfig[];
  private readonly syncers = new Map<number, ChainSyncer>();
  private readonly clients = new Map<number, PublicClient>();
  private readonly checkClients = new Map<number, PublicClient>();
  /** eth_getLogs sizing per chain, shared by this process's fetch jobs and projector. */
  private readonly ranges = new Map<number, AdaptiveRange>();
  private readonly running = new Set<string>();
  private readonly fetchSlots = pLimit(FETCHES_AT_ONCE);
  /** Chains whose archived logs are used up: from there on only the RPC is asked. */
  private readonly reuseDone = new Set<number>();

  private constructor(
    readonly target: SyncTarget,
    private readonly options: ChainJobsOptions,
  ) {
    this.chains = indexableChains(target.network, options.logger);
  }

  /** Builds the jobs and creates each chain's checkpoint on first start. */
  static async create(target: SyncTarget, options: ChainJobsOptions): Promise<ChainJobs> {
    const jobs = new ChainJobs(target, options);
    for (const chain of jobs.chains) {
      const client = options.clientFor?.(chain) ?? createChainClient(chain);
      const checkClient =
        options.clientFor?.(chain, 1) ?? createChainClient(chain, { firstProvider: 1 });
      const range = new AdaptiveRange(BigInt(chain.maxBlockRange));
      const syncer = new ChainSyncer({
        network: target.network.name,
        chain,
        db: target.database.db,
        client,
        checkClient,
        range,
        fetchQueue: options.fetchQueue,
        onProgress: (progress) => {
          const labels = { chain_id: String(progress.chainId) };
          options.metrics?.eventsStored.inc(labels, progress.newEvents);
          options.metrics?.blocksIndexed.inc(labels, progress.newBlocks);
          for (const [stage, seconds] of Object.entries(progress.stageSeconds)) {
            options.metrics?.projectorSeconds.inc({ ...labels, stage }, seconds);
          }
          options.onProgress?.(progress);
        },
        onReorg: (reorg) => {
          options.metrics?.reorgsRolledBack.inc({ chain_id: String(reorg.chainId) });
          options.logger.warn(
            {
              chainId: reorg.chainId,
              forkBlock: reorg.forkBlock.toString(),
              orphanedTip: reorg.from.toString(),
              rolledBackTo: reorg.to.toString(),
            },
            "reorg rolled back; the orphaned blocks are indexed again from the canonical chain",
          );
        },
        onFormerHolderEnded: (pid) =>
          options.logger.warn(
            { chainId: chain.chainId, serverPid: pid },
            "took over a chain whose former holder went silent mid-batch: its open transaction was ended",
          ),
        onLeaseLost: () =>
          options.logger.warn(
            { chainId: chain.chainId },
            "this worker's lease of the chain ended with its database session: taking the chain again",
          ),
      });
      await syncer.prepare();
      jobs.syncers.set(chain.chainId, syncer);
      jobs.clients.set(chain.chainId, client);
      jobs.checkClients.set(chain.chainId, checkClient);
      jobs.ranges.set(chain.chainId, range);
    }
    return jobs;
  }

  /** Takes what archived phases already fetched for `chain` before asking the RPC. */
  private async reuseArchivedLogs(
    chain: ChainConfig,
    client: PublicClient,
    deadline: number,
  ): Promise<void> {
    const archived = this.target.archived ?? [];
    if (archived.length === 0 || this.reuseDone.has(chain.chainId)) return;
    const { db } = this.target.database;
    const taken = await indexFromArchivedLogs(db, chain, archived, deadline, client);
    if (taken.ranges === 0) this.reuseDone.add(chain.chainId);
    else this.options.logger.info({ chainId: chain.chainId, ...taken }, "reused archived logs");
  }

  /** Runs a queue job of this target; jobs of chains it does not follow are ignored. */
  async run(job: WorkJob): Promise<void> {
    const chainId = Number(job.data.chainId);
    const syncer = this.syncers.get(chainId);
    const chain = this.chains.find((candidate) => candidate.chainId === chainId);
    const client = this.clients.get(chainId);
    // Fetch jobs of one chain run side by side, one per span.
    const slot =
      job.name === FETCH_LOGS_JOB
        ? `${job.name}:${chainId}:${job.data.from}:${job.data.to}`
        : `${job.name}:${chainId}`;
    if (!syncer || !chain || !client || this.running.has(slot)) return;
    this.running.add(slot);
    const { database } = this.target;
    const deadline = Date.now() + (this.options.jobBudgetMs ?? 5_000);
    try {
      if (job.name === FETCH_LOGS_JOB) {
        const data = job.data as unknown as FetchJobData;
        const { fetchThread } = this.options;
        const options = {
          db: database.db,
          chain,
          client,
          checkClient: this.checkClients.get(chainId) ?? client,
          range: this.ranges.get(chainId) ?? new AdaptiveRange(BigInt(chain.maxBlockRange)),
        };
        await this.fetchSlots(() =>
          fetchThread ? fetchThread.fetch(chain, data) : fetchIntoStore(options, data),
        );
      } else if (job.name === CHAIN_SYNC_JOB) {
        await this.reuseArchivedLogs(chain, client, deadline);
        await syncer.syncUntil(deadline);
      } else if (job.name === TASK_RESULTS_JOB) {
        const rounds = await resultRoundsInFlight(database.db, chainId);
        if (rounds > 0) await fetchTaskResultsUntil(database.db, client, chain, deadline, rounds);
      }
    } catch (error) {
      // Another process indexed the range first, or a reset archived the phase: not failures.
      if (error instanceof CheckpointMovedError || error instanceof PhaseArchivedError) return;
      // Provider URLs carry API keys, and viem puts the URL in its messages: never store or log them.
      const message = redactRpcUrls(
        error instanceof Error ? error.message : String(error),
        chain.rpcUrls,
      );
      this.options.logger.error({ chainId, job: job.name, error: message }, "job failed");
      this.options.metrics?.jobFailures.inc({ job: job.name, chain_id: String(chainId) });
      await recordChainError(database.db, chainId, message).catch(() => {});
      throw error;
    } finally {
      this.running.delete(slot);
    }
  }
}

/**
 * How many result-read rounds a job of the chain runs side by side. None while its index is far
 * behind its head: task results are read once it is close, so that their calls do not take the
 * cores and the provider's quota from the backfill (and a second worker process does not slow it
 * down by reading them beside it). One at a time over the last stretch, which still shares the
 * cores with the backfill (four there made a 1M bench backfill a fifth slower), and
 * RESULT_ROUNDS_IN_FLIGHT once the chain has caught up.
 */
export async function resultRoundsInFlight(db: Database, chainId: number): Promise<number> {
  const checkpoint = await readCheckpoint(db, chainId);
  if (checkpoint?.headBlock == null) return 1;
  if (checkpoint.headBlock - checkpoint.lastIndexedBlock > BACKFILL_BLOCKS) return 0;
  return checkpoint.caughtUpAt ? RESULT_ROUNDS_IN_FLIGHT : 1;
}
