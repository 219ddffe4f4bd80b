import {
  type Chain,
  createWalletClient,
  defineChain,
  http,
  type PublicActions,
  publicActions,
  type TestActions,
  type Transport,
  testActions,
  type WalletClient,
} from "viem";

/** A viem client for an anvil chain: wallet actions for the unlocked accounts, reads, anvil controls. */
export type DevnetClient = WalletClient<Transport, Chain> &
  PublicActions<Transport, Chain> &
  TestActions;

/**
 * Creates a client for an anvil chain that polls fast, because anvil mines instantly.
 * With `batch`, calls made in the same tick share one HTTP request: much faster for many
 * concurrent reads, but every call waits a timer tick, so sequential sends should not use it.
 */
export function createDevnetClient(
  url: string,
  chainId: number,
  options: { batch?: boolean } = {},
): DevnetClient {
  const chain = defineChain({
    id: chainId,
    name: `devnet-${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  return createWalletClient({
    chain,
    transport: http(url, { batch: options.batch ? { batchSize: 200 } : false }),
    pollingInterval: 50,
  })
    .extend(publicActions)
    .extend(testActions({ mode: "anvil" }));
}
