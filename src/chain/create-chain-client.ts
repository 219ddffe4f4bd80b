import { createPublicClient, fallback, http, type PublicClient, webSocket } from "viem";
import type { ChainConfig } from "../config/load-network.ts";
import type { Metrics } from "../observability/metrics.ts";
import { rpcFetchWithMetrics, rpcProviderLabel } from "../observability/rpc-fetch-metrics.ts";
import { ChainUnavailableError } from "./errors.ts";
import { withProviderCircuit } from "./provider-circuit.ts";
import { type ProviderRequestRates, threadRequestRates } from "./provider-request-rates.ts";

/** Calls per JSON-RPC batch (one HTTP request); providers commonly accept 100 and more. */
export const RPC_BATCH_SIZE = 100;

/** Options of createChainClient. */
export interface ChainClientOptions {
  /** Counts each HTTP request, error and latency per provider (WebSocket URLs are not counted). */
  metrics?: Metrics;
  /** Per request (default 20 s over HTTP, viem's 10 s over WebSocket). */
  timeoutMs?: number;
  /** Retries of a failed request (default 3); a health probe wants none. */
  retryCount?: number;
  /**
   * The provider asked first (index into rpcUrls; the others follow in order): a cross-check
   * client starts at 1 so that, with several URLs, it asks another provider than the main one.
   */
  firstProvider?: number;
  /**
   * Where the providers' `maxRequestsPerSecond` quotas are counted (default: in this thread, shared
   * by every client made without one); a worker passes one in Redis so that they hold across
   * processes.
   */
  requestRates?: ProviderRequestRates;
}

/** The fetch of one provider: rate-limited when the chain says so, counted with `metrics`. */
function providerFetch(chain: ChainConfig, url: string, options: ChainClientOptions) {
  const rates = options.requestRates ?? threadRequestRates;
  const limited = chain.maxRequestsPerSecond
    ? rates.fetchFor(url, chain.maxRequestsPerSecond)
    : undefined;
  if (options.metrics) return rpcFetchWithMetrics(options.metrics, chain.chainId, url, limited);
  return limited;
}

/**
 * A viem client for one chain, with JSON-RPC batching so that concurrent header lookups travel
 * in one HTTP request. With several URLs they sit behind viem's `fallback`, each behind a circuit
 * breaker (provider-circuit.ts) and without retries of its own: a failing provider hands the
 * request to the next at once, one that keeps failing is skipped for a while, and the fallback
 * retries the whole list. A single URL retries on its own.
 */
export function createChainClient(
  chain: ChainConfig,
  options: ChainClientOptions = {},
): PublicClient {
  if (chain.rpcUrls.length === 0) {
    throw new ChainUnavailableError(
      chain.chainId,
      `no RPC URL configured: set RPC_URL_${chain.chainId} or the chain's rpcUrls`,
    );
  }
  const { metrics, timeoutMs = 20_000, retryCount = 3, firstProvider = 0 } = options;
  const first = firstProvider % chain.rpcUrls.length;
  const urls = [...chain.rpcUrls.slice(first), ...chain.rpcUrls.slice(0, first)];
  const several = urls.length > 1;
  const transports = urls.map((url) => {
    if (url.startsWith("ws")) return webSocket(url, { retryCount, timeout: options.timeoutMs });
    const fetchFn = providerFetch(chain, url, options);
    const labels = { chain_id: String(chain.chainId), provider: rpcProviderLabel(url) };
    return http(url, {
      batch: { batchSize: RPC_BATCH_SIZE, wait: 0 },
      retryCount: several ? 0 : retryCount,
      timeout: timeoutMs,
      fetchFn: several
        ? withProviderCircuit(fetchFn, {
            onStateChange: (state) =>
              metrics?.rpcProviderSkipped.set(labels, state === "open" ? 1 : 0),
          })
        : fetchFn,
    });
  });
  return createPublicClient({
    transport: several ? fallback(transports, { retryCount }) : (transports[0] as never),
  });
}
