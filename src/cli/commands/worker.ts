import type { Command } from "commander";
import type { DatabaseHandle } from "../../db/client.ts";
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
): Promise<SyncWorkers> {
  const queue = openRuntimeQueue(runtime);
  const workers = await startSyncWorkers({
    network: runtime.network,
    database,
    queue,
    logger: runtime.logger,
    onProgress: createProgressReporter(runtime.logger),
  });
  runtime.logger.info(
    { network: runtime.network.name, chains: workers.chains.map((chain) => chain.chainId) },
    "indexing",
  );
  return workers;
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
    const workers = await startIndexing(runtime, database);
    onShutdown(runtime.logger, async () => {
      await workers.stop();
      await database.close();
    });
  });
}
