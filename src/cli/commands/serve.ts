import type { Command } from "commander";
import { createApiApp } from "../../api/create-app.ts";
import { openApiRuntime } from "../../api/middleware/api-runtime.ts";
import { serveApi } from "../../api/serve.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { ExportJobQueue } from "../../export/jobs/export-job-queue.ts";
import type { Metrics } from "../../observability/metrics.ts";
import type { PhaseDatabases } from "../../phase/phase-databases.ts";
import type { WorkQueue } from "../../queue/work-queue.ts";
import { guardUnhandledRejections } from "../guard-unhandled-rejections.ts";
import { parsePort } from "../parse-options.ts";
import {
  type CommonOptions,
  loadRuntime,
  onShutdown,
  openPhaseRuntime,
  openRuntimeDatabase,
  openRuntimeQueue,
  type Runtime,
} from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

/** What the API shares with the rest of its process. */
export interface ApiResources {
  phases: PhaseDatabases;
  /** The workers' queue, which admin resets pause; absent when there is none to reach. */
  queue?: WorkQueue;
}

/**
 * Serves GraphQL, /health, /ready, /metrics and /admin on PORT and logs the URL. The server's
 * close also ends live subscriptions and closes what the API opened (see openApiRuntime).
 */
export async function startApi(
  runtime: Runtime,
  database: DatabaseHandle,
  port: number,
  metrics: Metrics,
  resources: ApiResources,
) {
  const expectedChainIds = runtime.network.chains
    .filter((chain) => chain.contracts.length > 0)
    .map((chain) => chain.chainId);
  const api = await openApiRuntime(runtime.env, database, runtime.logger);
  // Export jobs queued over HTTP run on `export worker` processes sharing this Redis.
  const exportJobs = runtime.env.REDIS_URL
    ? new ExportJobQueue({
        redisUrl: runtime.env.REDIS_URL,
        prefix: runtime.env.QUEUE_PREFIX,
        onRedisError: (error) =>
          runtime.logger.warn({ err: error }, "export jobs: Redis unavailable"),
      })
    : undefined;
  const app = createApiApp({
    database: api.database,
    logger: runtime.logger,
    readiness: { expectedChainIds },
    metrics,
    network: runtime.network,
    queue: resources.queue,
    phases: api.phases ?? resources.phases,
    protection: api.protection,
    persistedQueries: api.persistedQueries,
    live: api.live,
    exports: { jobs: exportJobs },
    admin: {
      tokens: runtime.env.ADMIN_TOKENS,
      reset: { database, queue: resources.queue, logger: runtime.logger, metrics },
    },
  });
  const server = await serveApi({ app, port });
  runtime.logger.info({ graphql: `${server.url}/graphql` }, `GraphQL API at ${server.url}/graphql`);
  return {
    ...server,
    async close() {
      await api.stopLive();
      await server.close();
      await exportJobs?.close();
      await api.close();
    },
  };
}

export function registerServeCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("serve")
      .description("serve the GraphQL API only, reading what the workers indexed")
      .option("-p, --port <port>", "HTTP port (default: $PORT or 4000)", parsePort),
  ).action(async (options: CommonOptions & { port?: number }) => {
    const runtime = loadRuntime(options);
    guardUnhandledRejections(runtime.logger);
    const database = await openRuntimeDatabase(runtime, { migrate: false });
    const port = Number(options.port ?? runtime.env.PORT);
    // No workers here: the queue is for admin resets to pause theirs and for its state in
    // /metrics and indexerStatus (BullMQ only).
    const queue = runtime.env.REDIS_URL ? openRuntimeQueue(runtime) : undefined;
    const { phases, metrics } = openPhaseRuntime(database);
    if (queue) metrics.observeQueue(queue);
    const server = await startApi(runtime, database, port, metrics, {
      phases,
      queue,
    });
    onShutdown(runtime.logger, async () => {
      await server.close();
      await queue?.close();
      await phases.close();
      await database.close();
    });
  });
}
