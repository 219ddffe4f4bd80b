import { Hono } from "hono";
import pino, { type Logger } from "pino";
import type { DatabaseHandle } from "../db/client.ts";
import type { Metrics } from "../observability/metrics.ts";
import { createGraphqlHandler } from "./graphql/yoga.ts";
import { type ReadinessOptions, registerHealthRoutes } from "./health-routes.ts";
import { registerGraphqlTiming, registerMetricsRoute } from "./metrics-routes.ts";

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
  });

  const app = new Hono();
  registerHealthRoutes(app, { db, logger, readiness: options.readiness });
  if (options.metrics) {
    registerMetricsRoute(app, options.metrics);
    registerGraphqlTiming(app, options.metrics);
  }
  app.on(["GET", "POST", "OPTIONS"], "/graphql", (c) => graphql.fetch(c.req.raw));
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    logger.error({ err: error, path: c.req.path }, "unhandled API error");
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
