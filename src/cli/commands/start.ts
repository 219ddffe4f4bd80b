import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { startDevnet } from "../../devnet/run-devnet.ts";
import { guardUnhandledRejections } from "../guard-unhandled-rejections.ts";
import { parsePort } from "../parse-options.ts";
import {
  type CommonOptions,
  loadRuntime,
  onShutdown,
  openPhaseRuntime,
  openRuntimeDatabase,
  type Runtime,
} from "../runtime.ts";
import { startApi } from "./serve.ts";
import { withNetworkOptions } from "./shared-options.ts";
import { startIndexing } from "./worker.ts";

interface StartOptions extends CommonOptions {
  port?: number;
  withDevnet?: boolean;
}

/**
 * The runtime of `start --with-devnet`: on the embedded database the index lives in
 * `DATA_DIR/devnet` and starts empty every time, as the devnet's chains do; an index of the
 * previous chains would wait for blocks that no longer exist. A Postgres index is left alone.
 */
function withFreshDevnetIndex(runtime: Runtime): Runtime {
  if (runtime.env.DATABASE_URL) return runtime;
  const dataDir = join(runtime.env.DATA_DIR, "devnet");
  rmSync(dataDir, { recursive: true, force: true });
  runtime.logger.info({ dataDir }, "devnet: a new embedded index, as the devnet's chains are new");
  return { ...runtime, env: { ...runtime.env, DATA_DIR: dataDir } };
}

export function registerStartCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("start")
      .description("migrate, index and serve GraphQL in one process")
      .option("-p, --port <port>", "HTTP port (default: $PORT or 4000)", parsePort)
      .option(
        "--with-devnet",
        "also start the local devnet (two anvil chains with a simulator) in this process; implies --network devnet",
      ),
  ).action(async (options: StartOptions) => {
    const loaded = loadRuntime(
      options.withDevnet ? { ...options, network: options.network ?? "devnet" } : options,
    );
    const runtime = options.withDevnet ? withFreshDevnetIndex(loaded) : loaded;
    guardUnhandledRejections(runtime.logger);
    // The embedded database's first start (initdb) takes seconds: overlap it with the devnet's.
    const [devnet, database] = await Promise.all([
      options.withDevnet
        ? startDevnet({ network: runtime.network, logger: runtime.logger })
        : undefined,
      openRuntimeDatabase(runtime, { migrate: true, worker: true }),
    ]);
    const { phases, metrics } = openPhaseRuntime(database);
    const { workers, queue } = await startIndexing(runtime, database, { phases, metrics });
    const server = await startApi(
      runtime,
      database,
      Number(options.port ?? runtime.env.PORT),
      metrics,
      { phases, queue },
    );
    onShutdown(runtime.logger, async (step) => {
      await step("API server", () => server.close());
      await workers.stop(step);
      await step("phase databases", () => phases.close());
      await step("database", () => database.close());
      await step("devnet", async () => devnet?.stop());
    });
  });
}
