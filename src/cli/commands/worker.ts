import type { Command } from "commander";
import { Hono } from "hono";
import { registerMetricsRoute } from "../../api/metrics-routes.ts";
import { serveApi } from "../../api/serve.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import type { Metrics } from "../../observability/metrics.ts";
import type { PhaseDatabases } from "../../phase/phase-databases.ts";
import type { WorkQueue } from "../../queue/work-queue.ts";
import { switchServingWhenCaughtUp } from "../../reset/switch-serving.ts";
import { followIndexingPhase } from "../../sync/follow-indexing-phase.ts";
import { type SyncWorkers, startSyncWorkers } from "../../sync/start-sync-workers.ts";
import { guardUnhandledRejections } from "../guard-unhandled-rejections.ts";
import { createProgressReporter } from "../progress-reporter.ts";
import {
  type CommonOptions,
  loadRuntime,
  onShutdown,
  openPhaseRuntime,
  openRuntimeDatabase,
  openRuntimeQueue,
  preparePhases,
  type Runtime,
} from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

/** The running workers, and what the API of the same process shares with them. */
export interface Indexing {
  workers: SyncWorkers;
  phases: PhaseDatabases;
  queue: WorkQueue;
}

/**
 * Starts the sync workers on the indexing phase (recording the first phase on a new index), which
 * they follow through resets.
 */
export async function startIndexing(
  runtime: Runtime,
  database: DatabaseHandle,
  { phases, metrics }: { phases: PhaseDatabases; metrics: Metrics },
): Promise<Indexing> {
  const queue = openRuntimeQueue(runtime);
  metrics.observeQueue(queue);
  await preparePhases(runtime, database, queue);
  const workers = await startSyncWorkers({
    network: runtime.network,
    database,
    queue,
    logger: runtime.logger,
    metrics,
    onProgress: createProgressReporter(runtime.logger),
    // The embedded database has one connection, this thread's: there the fetches stay here too.
    fetchInThread: runtime.env.DATABASE_URL
      ? { databaseUrl: runtime.env.DATABASE_URL, applicationName: database.applicationName }
      : undefined,
    rpcQuotaRedisUrl: runtime.env.REDIS_URL,
    followTarget: followIndexingPhase(phases, runtime.network, runtime.processEnv, runtime.logger),
    afterSync: async (jobs) => {
      const { phaseId, database: indexed } = jobs.target;
      if (!phaseId) return;
      const chainIds = jobs.chains.map((chain) => chain.chainId);
      if (await switchServingWhenCaughtUp(database.db, indexed.db, phaseId, chainIds)) {
        runtime.logger.info({ phase: phaseId }, "the new phase caught up: the API serves it now");
      }
    },
  });
  runtime.logger.info(
    { network: runtime.network.name, chains: workers.chains.map((chain) => chain.chainId) },
    "indexing",
  );
  return { workers, phases, queue };
}

function serveMetrics(metrics: Metrics, port: number) {
  const app = new Hono();
  registerMetricsRoute(app, metrics);
  return serveApi({ app, port });
}

export function registerWorkerCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("worker")
      .description(
        "run the sync workers only (no API); start several against one Postgres and Redis to scale out",
      ),
  ).action(async (options: CommonOptions) => {
    const runtime = loadRuntime(options);
    guardUnhandledRejections(runtime.logger);
    const database = await openRuntimeDatabase(runtime, { migrate: true, worker: true });
    const { phases, metrics } = openPhaseRuntime(database);
    const { workers } = await startIndexing(runtime, database, { phases, metrics });
    // A worker has no API; METRICS_PORT gives Prometheus something to scrape.
    const metricsServer = runtime.env.METRICS_PORT
      ? await serveMetrics(metrics, runtime.env.METRICS_PORT)
      : undefined;
    onShutdown(runtime.logger, async (step) => {
      await step("metrics server", async () => metricsServer?.close());
      await workers.stop(step);
      await step("phase databases", () => phases.close());
      await step("database", () => database.close());
    });
  });
}
