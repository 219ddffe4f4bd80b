import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { errorResponse } from "./error-response.ts";

/** Options of createRequestLimiter. */
export interface RateLimitOptions {
  /** Requests one client may make per minute (fixed one-minute windows). */
  perMinute: number;
  /**
   * Counts in Redis, shared by every API replica; without it each process counts on its own.
   * The caller owns the connection and closes it.
   */
  redis?: Redis;
  /** Prefix of the Redis keys. */
  keyPrefix?: string;
}

const WINDOW_SECONDS = 60;

/**
 * A fixed-window limiter: in Redis when given one, with an in-memory limiter standing in while
 * Redis fails (a Redis outage must not take the API down), else in memory.
 */
export function createRequestLimiter(options: RateLimitOptions): RateLimiterAbstract {
  const window = { points: options.perMinute, duration: WINDOW_SECONDS };
  if (!options.redis) return new RateLimiterMemory(window);
  return new RateLimiterRedis({
    ...window,
    storeClient: options.redis,
    keyPrefix: options.keyPrefix ?? "cortensor-api-rate",
    insuranceLimiter: new RateLimiterMemory(window),
  });
}

/**
 * Who a request counts against: its API key's name, else the address it came from (behind a
 * proxy every client shares the proxy's address; use API keys there).
 */
function clientOf(c: Context): string {
  const name = c.get("apiKeyName");
  if (name) return `key:${name}`;
  try {
    return `addr:${getConnInfo(c).remote.address ?? "unknown"}`;
  } catch {
    // Requests handed to app.fetch directly (tests, other adapters) have no socket.
    return "addr:unknown";
  }
}

function rateHeaders(limiter: RateLimiterAbstract, state: RateLimiterRes): Record<string, string> {
  return {
    "RateLimit-Limit": String(limiter.points),
    "RateLimit-Remaining": String(Math.max(0, state.remainingPoints)),
    "RateLimit-Reset": String(Math.ceil(state.msBeforeNext / 1000)),
  };
}

/** Counts each request against its client; over the limit answers 429 with Retry-After. */
export function rateLimit(limiter: RateLimiterAbstract, logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const client = clientOf(c);
    let state: RateLimiterRes;
    try {
      state = await limiter.consume(client);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      logger.debug({ client, retryAfter }, "rate limit reached");
      return errorResponse(
        c,
        429,
        "RATE_LIMITED",
        `rate limit of ${limiter.points} requests per minute reached; retry after ${retryAfter} s`,
        { ...rateHeaders(limiter, rejection), "Retry-After": retryAfter },
      );
    }
    await next();
    for (const [name, value] of Object.entries(rateHeaders(limiter, state))) {
      c.res.headers.set(name, value);
    }
  };
}
