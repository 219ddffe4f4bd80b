import type { Hono } from "hono";
import type { Metrics } from "../observability/metrics.ts";

/** `GET /metrics`: the Prometheus text exposition of this process. */
export function registerMetricsRoute(app: Hono, metrics: Metrics): void {
  app.get("/metrics", async (c) => {
    const { contentType, body } = await metrics.scrape();
    return c.body(body, 200, { "content-type": contentType });
  });
}

/** Times every `/graphql` request into the GraphQL latency histogram. */
export function registerGraphqlTiming(app: Hono, metrics: Metrics): void {
  app.use("/graphql", async (c, next) => {
    const stop = metrics.graphqlDuration.startTimer();
    await next();
    stop({ status: String(c.res.status) });
  });
}
