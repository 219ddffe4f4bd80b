import { Hono } from "hono";
import pino, { type Logger } from "pino";
import type { NetworkConfig } from "../config/load-network.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { phaseRegistryResolver } from "../export/phase-resolver.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { PhaseDatabases } from "../phase/phase-databases.ts";
import type { WorkQueue } from "../queue/work-queue.ts";
import { IndexerStatusService } from "../status/indexer-status-service.ts";
import { registerAdminRoutes } from "./admin/admin-routes.ts";
import type { AdminOptions } from "./admin/admin-tokens.ts";
import { type ExportRouteOptions, registerExportRoutes } from "./export/export-routes.ts";
import type { IndexerStatusContext } from "./graphql/indexer-status.ts";
import { createGraphqlHandler } from "./graphql/yoga.ts";
import { type ReadinessOptions, registerHealthRoutes } from "./health-routes.ts";
import type { LiveFeed } from "./live/live-feed.ts";
import { registerGraphqlTiming, registerMetricsRoute } from "./metrics-routes.ts";
import type { PersistedQueries } from "./middleware/persisted-queries.ts";
import {
  type ApiProtectionOptions,
  registerApiProtection,
} from "./middleware/register-protection.ts";

export type { ReadinessOptions } from "./health-routes.ts";

/** Cap on `first` unless the caller sets another. */
export const DEFAULT_MAX_PAGE_SIZE = 1000;

/** Options of createApiApp. */
export interface ApiAppOptions {
  /** Only `db` is used; the caller keeps ownership and closes it. */
  database: Pick<DatabaseHandle, "db">;
  /** Defaults to a silent logger. */
  logger?: Logger;
  readiness?: ReadinessOptions;
  /** Serves `/metrics` and times GraphQL requests when given. */
  metrics?: Metrics;
  /** Largest `first` a list accepts (default 1000). */
  maxPageSize?: number;
  /** The network the deployment indexes: `indexerStatus` answers only with it. */
  network?: NetworkConfig;
  /** The deployment's work queue (BullMQ), for the queue state in `indexerStatus`. */
  queue?: WorkQueue;
  /** Every phase's tables: serves the serving phase by default and any phase on request. */
  phases?: PhaseDatabases;
  /** Admin tokens and what resets act on; without it admin actions answer 401. */
  admin?: AdminOptions;
  /** CORS, API keys, rate limit and body cap (see middleware/register-protection.ts). */
  protection?: ApiProtectionOptions;
  /** Operations accepted by id (and, with `only`, nothing else). */
  persistedQueries?: PersistedQueries;
  /** Feeds GraphQL subscriptions; the caller starts and closes it (see live/). */
  live?: LiveFeed;
  /**
   * Exports at `/export/<kind>.<format>` read the phases' handles (`phases`) unless this gives a
   * resolver; export jobs need `exports.jobs`.
   */
  exports?: Pick<ExportRouteOptions, "resolvePhaseDatabase" | "jobs" | "maxConcurrent">;
}

/**
 * The HTTP API as a Hono app: GraphQL (and GraphiQL in a browser) at `/graphql`, `/health` and
 * `/ready`. It holds no resources of its own, so there is nothing to close; serve it with serveApi.
 */
export function createApiApp(options: ApiAppOptions): Hono {
  const { db } = options.database;
  const logger = options.logger ?? pino({ level: "silent" });
  const graphql = createGraphqlHandler({
    db,
    logger,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
    phases: options.phases,
    admin: options.admin,
    live: options.live,
    persistedQueries: options.persistedQueries,
  });

  const statusContext: IndexerStatusContext = {
    indexerStatus: options.network
      ? new IndexerStatusService({ network: options.network, queue: options.queue })
      : undefined,
  };

  const app = new Hono();
  registerApiProtection(app, options.protection ?? {}, logger);
  registerHealthRoutes(app, { db, logger, readiness: options.readiness });
  if (options.metrics) {
    registerMetricsRoute(app, options.metrics);
    registerGraphqlTiming(app, options.metrics);
  }
  app.on(["GET", "POST", "OPTIONS"], "/graphql", (c) => graphql.fetch(c.req.raw, statusContext));
  registerAdminRoutes(app, options.admin);
  registerExportRoutes(app, {
    resolvePhaseDatabase:
      options.exports?.resolvePhaseDatabase ??
      (options.phases ? phaseRegistryResolver(options.phases) : undefined),
    jobs: options.exports?.jobs,
    maxConcurrent: options.exports?.maxConcurrent,
    logger,
    metrics: options.metrics,
  });
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    logger.error(
      { err: error, path: c.req.path, requestId: c.get("requestId") },
      "unhandled API error",
    );
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
