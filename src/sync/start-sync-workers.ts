import { createChainClient } from "../chain/create-chain-client.ts";
import { ProviderRequestRates } from "../chain/provider-request-rates.ts";
import type { Logger } from "../logger/create-logger.ts";
import type { WorkJob, WorkQueue } from "../queue/work-queue.ts";
import {
  CHAIN_SYNC_JOB,
  ChainJobs,
  type ChainJobsOptions,
  type SyncTarget,
  TASK_RESULTS_JOB,
} from "./chain-jobs.ts";
import { FetchThread } from "./fetch-thread/fetch-thread.ts";
import type { FetchThreadData } from "./fetch-thread/fetch-thread-messages.ts";
import { guardHeapCeiling } from "./heap-governor.ts";

export {
  CHAIN_SYNC_JOB,
  indexableChains,
  type SyncTarget,
  TASK_RESULTS_JOB,
} from "./chain-jobs.ts";

/** Queue slots for `fetch-logs` jobs beside the chains' repeating jobs (see chain-jobs.ts). */
const FETCH_SLOTS = 2;

export interface SyncWorkersOptions
  extends Omit<ChainJobsOptions, "fetchThread">,
    Omit<SyncTarget, "phaseId"> {
  queue: WorkQueue;
  logger: Logger;
  /**
   * Runs the process's `fetch-logs` jobs on a thread of their own, connected to this Postgres
   * (fetch-thread.ts); default: on the main thread, beside the projectors.
   */
  fetchInThread?: Omit<FetchThreadData, "rpcQuotaRedisUrl">;
  /**
   * Counts the providers' `maxRequestsPerSecond` quotas in this Redis, so that they hold across
   * every worker process and thread; default (and while Redis is down): per process.
   */
  rpcQuotaRedisUrl?: string;
  /**
   * Where to index now, asked before every job. When it names another phase than the jobs in
   * hand (a reset happened), the workers re-point to it. Without it the target never changes.
   */
  followTarget?: () => Promise<SyncTarget>;
  /** Runs after each `chain-sync` job of the current target (e.g. the when-ready switch). */
  afterSync?: (jobs: ChainJobs) => Promise<void>;
}

export interface SyncWorkers {
  chains: SyncTarget["network"]["chains"];
  /** Stops them; `step`, when given, is told each part of the stop as it begins. */
  stop(step?: <T>(name: string, action: () => Promise<T>) => Promise<T>): Promise<void>;
}

/**
 * Registers two repeating jobs per chain and processes them: `chain-sync` projects the chain
 * until caught up or out of budget (and plans `fetch-logs` jobs for the final blocks the sync
 * store lacks), `task-results` reads the results of tasks that ended. Every process also runs
 * `fetch-logs` jobs, whichever planned them. Any number of processes may run this against one
 * Postgres and Redis.
 */
export async function startSyncWorkers(options: SyncWorkersOptions): Promise<SyncWorkers> {
  const { queue, logger, rpcQuotaRedisUrl } = options;
  const requestRates = new ProviderRequestRates({
    redisUrl: rpcQuotaRedisUrl,
    onRedisError: (error) =>
      logger.warn(
        { err: error },
        "RPC quotas: Redis unavailable, counting per process until it is back",
      ),
  });
  const fetchThread =
    options.fetchInThread &&
    new FetchThread({ ...options.fetchInThread, rpcQuotaRedisUrl }, requestRates);
  if (fetchThread) options.metrics?.addSource(() => fetchThread.metrics());
  // Counts RPC requests, errors and latency per provider, unless the caller brings its clients.
  const jobOptions: ChainJobsOptions = {
    ...options,
    fetchThread,
    fetchQueue: options.fetchQueue ?? queue,
    clientFor:
      options.clientFor ??
      ((chain, firstProvider) =>
        createChainClient(chain, { metrics: options.metrics, firstProvider, requestRates })),
  };
  const initial = options.followTarget
    ? await options.followTarget()
    : { phaseId: null, network: options.network, database: options.database };
  let jobs = await ChainJobs.create(initial, jobOptions);
  let repointing: Promise<ChainJobs> | undefined;

  const schedule = async (target: ChainJobs) => {
    for (const chain of target.chains) {
      for (const name of [CHAIN_SYNC_JOB, TASK_RESULTS_JOB]) {
        await queue.scheduleRepeating({
          key: `${name}:${chain.chainId}`,
          name,
          data: { chainId: chain.chainId },
          everyMs: chain.pollingIntervalMs,
        });
      }
    }
  };

  /** The jobs of the current target, rebuilt once (whatever the concurrency) after a reset. */
  const currentJobs = async (): Promise<ChainJobs> => {
    if (!options.followTarget) return jobs;
    const target = await options.followTarget();
    if (target.phaseId === jobs.target.phaseId) return jobs;
    repointing ??= ChainJobs.create(target, jobOptions)
      .then(async (next) => {
        logger.info(
          { from: jobs.target.phaseId, to: next.target.phaseId },
          "the indexing phase changed: workers re-point to it",
        );
        await schedule(next);
        jobs = next;
        return next;
      })
      .finally(() => {
        repointing = undefined;
      });
    return repointing;
  };

  const runJob = async (job: WorkJob): Promise<void> => {
    const current = await currentJobs();
    await current.run(job).catch((error: unknown) => {
      options.metrics?.countReorg(error);
      throw error;
    });
    if (job.name === CHAIN_SYNC_JOB) await options.afterSync?.(current);
  };

  // Two slots per chain for its repeating jobs, and room for fetch jobs beside them.
  await queue.startProcessing(runJob, Math.max(jobs.chains.length * 2, 2) + FETCH_SLOTS);
  await schedule(jobs);
  const stopHeapGuard = guardHeapCeiling();
  return {
    chains: jobs.chains,
    stop: async (step = (_name, action) => action()) => {
      stopHeapGuard();
      await step("work queue", () => queue.close());
      await step("fetch thread", async () => fetchThread?.close());
      await step("request rates", () => requestRates.close());
    },
  };
}
