import type { PublicClient } from "viem";
import type { ChainConfig } from "../config/load-network.ts";
import { InvalidRpcResponseError } from "./errors.ts";

/** The chain's head and the newest block that can no longer be reorganised. */
export interface ChainTips {
  head: bigint;
  finalized: bigint;
}

/**
 * Reads the head and the final block: the block the chain's `finalityTag` names, or
 * head − finalityDepth. A provider whose final block is above its head is refused.
 *
 * @example
 * const { head, finalized } = await readChainTips(client, chain); // e.g. 1000n, 980n
 */
export async function readChainTips(
  client: PublicClient,
  chain: Pick<ChainConfig, "finalityDepth" | "finalityTag">,
): Promise<ChainTips> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  if (!chain.finalityTag) {
    const finalized = head - BigInt(chain.finalityDepth);
    return { head, finalized: finalized < 0n ? -1n : finalized };
  }
  const tagged = await client.getBlock({ blockTag: chain.finalityTag, includeTransactions: false });
  if (tagged.number > head) {
    throw new InvalidRpcResponseError(
      `the ${chain.finalityTag} block ${tagged.number} is above the head ${head}`,
    );
  }
  return { head, finalized: tagged.number };
}
