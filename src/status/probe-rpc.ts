import { createChainClient } from "../chain/create-chain-client.ts";
import type { ChainConfig } from "../config/load-network.ts";
import { redactRpcUrl, redactRpcUrls } from "../logger/create-logger.ts";
import { withDeadline } from "../observability/with-deadline.ts";

/** One RPC URL's health: whether it answers, for the right chain, with which head, how fast. */
export interface RpcProbe {
  /** The URL's origin only: providers put API keys in the path. */
  url: string;
  /** Answered, and for the configured chain. */
  ok: boolean;
  reachable: boolean;
  chainId: number | null;
  chainIdMatches: boolean | null;
  head: string | null;
  latencyMs: number | null;
  error: string | null;
}

/** Longest a probe may take, whatever the transport does (default). */
export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

/** Asks one RPC URL for its chain id and head (one batched request), without retries. */
export async function probeRpc(
  chain: ChainConfig,
  rpcUrl: string,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<RpcProbe> {
  const url = redactRpcUrl(rpcUrl);
  const started = performance.now();
  try {
    const client = createChainClient({ ...chain, rpcUrls: [rpcUrl] }, { timeoutMs, retryCount: 0 });
    const [chainId, head] = await withDeadline(
      Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]),
      timeoutMs,
      url,
    );
    const matches = chainId === chain.chainId;
    return {
      url,
      ok: matches,
      reachable: true,
      chainId,
      chainIdMatches: matches,
      head: head.toString(),
      latencyMs: Math.round(performance.now() - started),
      error: matches ? null : `answers for chain ${chainId}, expected ${chain.chainId}`,
    };
  } catch (error) {
    const message = (error as { shortMessage?: string }).shortMessage ?? String(error);
    return {
      url,
      ok: false,
      reachable: false,
      chainId: null,
      chainIdMatches: null,
      head: null,
      latencyMs: null,
      error: redactRpcUrls(message, [rpcUrl]),
    };
  }
}
