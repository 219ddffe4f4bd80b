import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
} from "cockatiel";
import type { FetchFn } from "../observability/rpc-fetch-metrics.ts";

/** Failures in a row after which a provider is skipped. */
const FAILURES_TO_OPEN = 5;
/** How long a provider is skipped before one request may try it again. */
const HALF_OPEN_AFTER_MS = 10_000;

/** What a provider's circuit is doing: `open` means it is skipped for now. */
export type ProviderCircuitState = "closed" | "open" | "half-open";

const STATE_NAMES: Record<CircuitState, ProviderCircuitState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "open",
};

/** A provider's answer that counts as a failure, carried through the breaker and handed back. */
class FailedAnswer extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

export interface ProviderCircuitOptions {
  failuresToOpen?: number;
  halfOpenAfterMs?: number;
  onStateChange?: (state: ProviderCircuitState) => void;
}

/**
 * `fetch` of one provider behind a circuit breaker (cockatiel): after `failuresToOpen` failures
 * in a row (no answer, a timeout, HTTP 429 or 5xx) the provider is skipped, every request failing
 * at once, so that viem's `fallback` moves to the next provider without spending the time of a
 * request and its retries on a dead one; after `halfOpenAfterMs` one request tries it again.
 * JSON-RPC errors inside an HTTP 200 are answers, not failures.
 *
 * @example
 * http(url, { retryCount: 0, fetchFn: withProviderCircuit(fetch) }); // inside a fallback
 */
export function withProviderCircuit(
  fetchFn: FetchFn = fetch,
  options: ProviderCircuitOptions = {},
): FetchFn {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.halfOpenAfterMs ?? HALF_OPEN_AFTER_MS,
    breaker: new ConsecutiveBreaker(options.failuresToOpen ?? FAILURES_TO_OPEN),
  });
  if (options.onStateChange) {
    const report = options.onStateChange;
    breaker.onStateChange((state) => report(STATE_NAMES[state]));
  }
  return async (input, init) => {
    try {
      return await breaker.execute(async () => {
        const response = await fetchFn(input, init);
        if (response.status === 429 || response.status >= 500) throw new FailedAnswer(response);
        return response;
      });
    } catch (error) {
      if (error instanceof FailedAnswer) return error.response;
      if (error instanceof BrokenCircuitError) {
        throw new Error("provider skipped: it failed repeatedly (circuit open)");
      }
      throw error;
    }
  };
}
