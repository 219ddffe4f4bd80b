import type { Hono } from "hono";
import type { Logger } from "pino";
import type { ApiKey } from "../../config/env.ts";
import { requireApiKey } from "./api-keys.ts";
import { DEFAULT_MAX_BODY_BYTES, requestBodyLimit } from "./body-limit.ts";
import { corsAllowList } from "./cors.ts";
import { createRequestLimiter, type RateLimitOptions, rateLimit } from "./rate-limit.ts";
import { requestLogging } from "./request-log.ts";

/** The HTTP-level protections of the API; each is off unless configured, except the body cap. */
export interface ApiProtectionOptions {
  /** Origins browsers may read the API from (`*`: any); none = same origin only. */
  corsOrigins?: readonly string[];
  /** When non-empty, the data paths need one of these keys. */
  apiKeys?: readonly ApiKey[];
  /** Requests per minute per API key (or client address without keys). */
  rateLimit?: RateLimitOptions;
  /** Largest request body (default 256 KiB). */
  maxBodyBytes?: number;
}

/** Paths that serve data; /health, /ready and /metrics stay open for probes and scrapers. */
export const DATA_PATHS = ["/graphql", "/export/*"] as const;

/**
 * Registers, in order: request ids and request logs (every path), CORS (every path), then on the
 * data paths the API key check, the rate limit and the body cap, so a refused client costs
 * neither a body read nor a query. Call before any route is registered.
 */
export function registerApiProtection(
  app: Hono,
  options: ApiProtectionOptions,
  logger: Logger,
): void {
  app.use("*", ...requestLogging(logger));
  if (options.corsOrigins?.length) app.use("*", corsAllowList(options.corsOrigins));
  const limiter = options.rateLimit && createRequestLimiter(options.rateLimit);
  for (const path of DATA_PATHS) {
    if (options.apiKeys?.length) app.use(path, requireApiKey(options.apiKeys));
    if (limiter) app.use(path, rateLimit(limiter, logger));
    app.use(path, requestBodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  }
}
