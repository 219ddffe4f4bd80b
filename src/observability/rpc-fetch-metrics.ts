import type { Metrics } from "./metrics.ts";

/** What viem's http transport calls to send a request (its `fetchFn` option). */
export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The provider label of an RPC URL: its origin only. Providers put API keys in the path or the
 * query, and a label is shown to anyone who can read the metrics.
 */
export function rpcProviderLabel(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "unparseable";
  }
}

/** Why a request failed, as the `reason` label: few values, so the series stay few. */
function failureReason(error: unknown, signal: AbortSignal | null | undefined): string {
  if (signal?.aborted || (error as { name?: string }).name === "TimeoutError") return "timeout";
  return "network";
}

/**
 * `fetch` that counts each request to one provider of one chain, its latency until the response
 * headers and its failures (HTTP status or no response) in `metrics`. Errors inside a 200 JSON-RPC
 * body are the caller's to see: the body is not read here.
 */
export function rpcFetchWithMetrics(
  metrics: Metrics,
  chainId: number,
  url: string,
  fetchFn: FetchFn = fetch,
): FetchFn {
  const labels = { chain_id: String(chainId), provider: rpcProviderLabel(url) };
  return async (input, init) => {
    metrics.rpcRequests.inc(labels);
    const stop = metrics.rpcDuration.startTimer(labels);
    try {
      const response = await fetchFn(input, init);
      stop();
      if (!response.ok) {
        const reason = response.status === 429 ? "rate_limited" : "http_error";
        metrics.rpcErrors.inc({ ...labels, reason });
      }
      return response;
    } catch (error) {
      stop();
      metrics.rpcErrors.inc({ ...labels, reason: failureReason(error, init?.signal) });
      throw error;
    }
  };
}
