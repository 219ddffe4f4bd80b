import type { Command } from "commander";
import { PhaseDatabases } from "../../phase/phase-databases.ts";
import { collectIndexerStatus } from "../../status/collect-indexer-status.ts";
import {
  type CommonOptions,
  loadRuntime,
  openRuntimeDatabase,
  openRuntimeQueue,
} from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

export function registerStatusCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("status")
      .description(
        "print the network, its contracts and start blocks, RPC health, indexing progress and the work queue as JSON",
      ),
  ).action(async (options: CommonOptions) => {
    const runtime = loadRuntime({ ...options }, { ...process.env, LOG_LEVEL: "warn" });
    const database = await openRuntimeDatabase(runtime, { migrate: false, existing: true });
    // Only Redis holds a queue shared with the workers; an in-process queue would be this one's.
    const queue = runtime.env.REDIS_URL ? openRuntimeQueue(runtime) : undefined;
    const phases = new PhaseDatabases(database);
    try {
      const { phase, database: served } = await phases.resolve();
      const status = await collectIndexerStatus({
        network: runtime.network,
        db: served.db,
        phase,
        queue,
      });
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      process.exitCode = status.healthy ? 0 : 1;
    } finally {
      await queue?.close();
      await phases.close();
      await database.close();
    }
  });
}
