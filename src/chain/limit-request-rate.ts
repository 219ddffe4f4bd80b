import { RateLimiterMemory, RateLimiterQueue } from "rate-limiter-flexible";
import type { FetchFn } from "../observability/rpc-fetch-metrics.ts";

/**
 * `fetch` that sends at most `perSecond` requests a second to one provider, queueing the rest
 * (a token bucket refilled every second): public RPCs answer bursts above their quota with 429s
 * or bans, so the indexer waits its turn instead. A JSON-RPC batch is one request.
 *
 * @example
 * http(url, { fetchFn: limitRequestRate(25) }); // at most 25 HTTP requests a second
 */
export function limitRequestRate(perSecond: number, fetchFn: FetchFn = fetch): FetchFn {
  const queue = new RateLimiterQueue(new RateLimiterMemory({ points: perSecond, duration: 1 }));
  return async (input, init) => {
    await queue.removeTokens(1);
    return fetchFn(input, init);
  };
}
