import type { Command } from "commander";
import { createApiApp } from "../../api/create-app.ts";
import { serveApi } from "../../api/serve.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { Metrics } from "../../observability/metrics.ts";
import { parsePort } from "../parse-options.ts";
import {
  type CommonOptions,
  loadRuntime,
  onShutdown,
  openRuntimeDatabase,
  type Runtime,
} from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

/** Serves GraphQL, /health, /ready and /metrics on PORT and logs the URL. */
export async function startApi(
  runtime: Runtime,
  database: DatabaseHandle,
  port: number,
  metrics: Metrics,
) {
  const expectedChainIds = runtime.network.chains
    .filter((chain) => chain.contracts.length > 0)
    .map((chain) => chain.chainId);
  const app = createApiApp({
    database,
    logger: runtime.logger,
    readiness: { expectedChainIds },
    metrics,
  });
  const server = await serveApi({ app, port });
  runtime.logger.info({ graphql: `${server.url}/graphql` }, `GraphQL API at ${server.url}/graphql`);
  return server;
}

export function registerServeCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("serve")
      .description("serve the GraphQL API only, reading what the workers indexed")
      .option("-p, --port <port>", "HTTP port (default: $PORT or 4000)", parsePort),
  ).action(async (options: CommonOptions & { port?: number }) => {
    const runtime = loadRuntime(options);
    const database = await openRuntimeDatabase(runtime, { migrate: false });
    const port = Number(options.port ?? runtime.env.PORT);
    const server = await startApi(runtime, database, port, new Metrics(database.db));
    onShutdown(runtime.logger, async () => {
      await server.close();
      await database.close();
    });
  });
}
