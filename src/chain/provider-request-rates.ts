import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterQueue,
  RateLimiterRedis,
} from "rate-limiter-flexible";
import { reportRedisOutages } from "../observability/redis-outages.ts";
import type { FetchFn } from "../observability/rpc-fetch-metrics.ts";

/** Options of ProviderRequestRates. */
export interface ProviderRequestRatesOptions {
  /**
   * Counts each provider's requests in this Redis, so that one quota holds for every thread and
   * process of a deployment (workers, their fetch threads); without it, for this thread only.
   */
  redisUrl?: string;
  /**
   * Told when Redis fails, once per outage (not at every reconnection attempt); the limits then
   * count in memory until it answers again.
   */
  onRedisError?: (error: Error) => void;
  /**
   * Takes each request's turn from another instance whenever this one's Redis is not connected
   * (or none is set) instead of counting here: a worker's fetch thread asks its main thread's
   * limits, so that without Redis, and while it is down, the two share one quota.
   */
  takeTurnFrom?: (url: string, perSecond: number) => Promise<void>;
}

/**
 * Prefix of the Redis keys: one count per provider URL, whichever process asks and whatever rate
 * it was configured with (each keeps the count within its own rate).
 */
const KEY_PREFIX = "cortensor-rpc-rate";

/**
 * The request-rate limits of RPC providers: at most `perSecond` requests a second to one URL,
 * the rest queued (fixed one-second windows). Public RPCs answer bursts above their quota with
 * 429s or bans, so the indexer waits its turn instead. A JSON-RPC batch is one request. Every
 * client made with the same instance shares one limit per URL; with Redis, so does every process.
 *
 * @example
 * const rates = new ProviderRequestRates({ redisUrl: "redis://127.0.0.1:6379" });
 * http(url, { fetchFn: rates.fetchFor(url, 25) }); // at most 25 requests a second, everywhere
 * await rates.close();
 */
export class ProviderRequestRates {
  private readonly queues = new Map<string, RateLimiterQueue>();
  private readonly redis: Redis | undefined;
  /** Settles once Redis first connects or fails: until then no request goes out. */
  private readonly redisSettled: Promise<void>;
  private readonly takeTurnFrom: ProviderRequestRatesOptions["takeTurnFrom"];

  constructor(options: ProviderRequestRatesOptions = {}) {
    this.takeTurnFrom = options.takeTurnFrom;
    // Commands fail at once while Redis is down, and the in-memory stand-in counts: requests
    // must not wait for reconnections. The first requests wait for the first connection, though,
    // or every process would start with a quota of its own.
    this.redis = options.redisUrl
      ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      : undefined;
    const redis = this.redis;
    if (redis) reportRedisOutages(redis, options.onRedisError)(redis);
    this.redisSettled = new Promise<void>((resolve) => {
      if (!redis) return resolve();
      redis.once("ready", resolve);
      redis.once("error", () => resolve());
    });
  }

  /** `fetchFn` that waits for the provider's quota before each request. */
  fetchFor(url: string, perSecond: number, fetchFn: FetchFn = fetch): FetchFn {
    return async (input, init) => {
      await this.takeTurn(url, perSecond);
      return fetchFn(input, init);
    };
  }

  /** Resolves when one more request to `url` fits in its quota of `perSecond`. */
  async takeTurn(url: string, perSecond: number): Promise<void> {
    await this.redisSettled;
    if (this.takeTurnFrom && this.redis?.status !== "ready") {
      return this.takeTurnFrom(url, perSecond);
    }
    await this.queueOf(url, perSecond).removeTokens(1);
  }

  /** Closes the Redis connection, if any. */
  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  private queueOf(url: string, perSecond: number): RateLimiterQueue {
    // The key names the URL by a digest: providers put API keys in URLs, and Redis is shared.
    const provider = createHash("sha256").update(url).digest("hex").slice(0, 32);
    const key = `${provider}:${perSecond}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new RateLimiterQueue(this.limiter(provider, perSecond));
      this.queues.set(key, queue);
    }
    return queue;
  }

  private limiter(provider: string, perSecond: number): RateLimiterAbstract {
    const window = { points: perSecond, duration: 1 };
    if (!this.redis) return new RateLimiterMemory(window);
    return new RateLimiterRedis({
      ...window,
      storeClient: this.redis,
      keyPrefix: `${KEY_PREFIX}:${provider}`,
      insuranceLimiter: new RateLimiterMemory(window),
    });
  }
}

/** The limits of clients made without limits of their own: one quota per provider and thread. */
export const threadRequestRates = new ProviderRequestRates();
