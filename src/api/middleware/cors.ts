import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { REQUEST_ID_HEADER } from "./request-log.ts";

/**
 * Lets browsers on the given origins read the API (`*`: any origin). Credentials (cookies) are
 * never allowed, since the API uses none; API keys travel in headers, which are allowed here.
 * Without this middleware no cross-origin headers are sent and browsers keep other sites out.
 */
export function corsAllowList(origins: readonly string[]): MiddlewareHandler {
  return cors({
    origin: origins.includes("*") ? "*" : [...origins],
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Content-Type", "Accept", "Authorization", "X-Api-Key", REQUEST_ID_HEADER],
    exposeHeaders: [
      REQUEST_ID_HEADER,
      "Retry-After",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
    ],
    maxAge: 600,
  });
}
