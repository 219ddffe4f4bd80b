import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import type { Logger } from "pino";

/** Header carrying the request id both ways; an incoming one (from a proxy) is kept. */
export const REQUEST_ID_HEADER = "X-Request-Id";

/**
 * Gives each request an id (the caller's X-Request-Id when it is a plain token, else a new UUID),
 * returns it in the response header and logs one line per request with it, so a client's report
 * can be matched to the server's log. Headers are never logged: they may carry API keys.
 */
export function requestLogging(logger: Logger): MiddlewareHandler[] {
  const log = logger.child({ component: "http" });
  const logRequest: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    // requestId() sets it on Hono's responses; yoga's Response is passed through as it is.
    if (!c.res.headers.has(REQUEST_ID_HEADER))
      c.res.headers.set(REQUEST_ID_HEADER, c.get("requestId"));
    log.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        apiKey: c.get("apiKeyName"),
      },
      "request",
    );
  };
  return [requestId({ headerName: REQUEST_ID_HEADER }), logRequest];
}
