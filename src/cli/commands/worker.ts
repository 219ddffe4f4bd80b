import type { Command } from "commander";
import { Hono } from "hono";
import { registerMetricsRoute } from "../../api/metrics-routes.ts";
import { serveApi } from "../../api/serve.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { Metrics } from "../../observability/metrics.ts";
import { type SyncWorkers, startSyncWorkers } from "../../sync/start-sync-workers.ts";
import { createProgressReporter } from "../progress-reporter.ts";
import {
  type CommonOptions,
  loadRuntime,
  onShutdown,
  openRuntimeDatabase,
  openRuntimeQueue,
  type Runtime,
} from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

/** Starts the sync workers of every indexable chain of the runtime's network. */
export async function startIndexing(
  runtime: Runtime,
  database: DatabaseHandle,
  metrics: Metrics,
): Promise<SyncWorkers> {
  const queue = openRuntimeQueue(runtime);
  const workers = await startSyncWorkers({
    network: runtime.network,
    database,
    queue,
    logger: runtime.logger,
    metrics,
    onProgress: createProgressReporter(runtime.logger),
  });
  runtime.logger.info(
    { network: runtime.network.name, chains: workers.chains.map((chain) => chain.chainId) },
    "indexing",
  );
  return workers;
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
    const database = await openRuntimeDatabase(runtime, { migrate: true });
    const metrics = new Metrics(database.db);
    const workers = await startIndexing(runtime, database, metrics);
    // A worker has no API; METRICS_PORT gives Prometheus something to scrape.
    const metricsServer = runtime.env.METRICS_PORT
      ? await serveMetrics(metrics, runtime.env.METRICS_PORT)
      : undefined;
    onShutdown(runtime.logger, async () => {
      await metricsServer?.close();
      await workers.stop();
      await database.close();
    });
  });
}
