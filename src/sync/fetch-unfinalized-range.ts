import type { Hex, PublicClient } from "viem";
import { fetchLinkedBlocks } from "../chain/fetch-linked-blocks.ts";
import type { BlockHeader } from "../chain/fetch-logs.ts";
import type { IndexedContract } from "../config/load-network.ts";
import { eventCopyData } from "../db/write-events.ts";
import type { DecodedLog } from "../decode/decode-log.ts";
import { addressesLiveAt, decodeContractLogs } from "./decode-contract-logs.ts";

/** A range above the final block: fetched block by block, with every header. */
export interface UnfinalizedRange {
  from: bigint;
  to: bigint;
  logs: DecodedLog[];
  /** The logs' `events` rows as COPY data (UTF-8). */
  eventsCopy: Buffer;
  toHash: Hex;
  toTimestamp: bigint;
  headers: BlockHeader[];
}

export interface UnfinalizedFetchOptions {
  chainId: number;
  client: PublicClient;
  /** Gives the second answer of a cross-checked batch (see agreed-logs.ts). */
  checkClient: PublicClient;
  /** Share of batches cross-checked. */
  crossCheckRatio: number;
  contracts: readonly IndexedContract[];
  contractsByAddress: ReadonlyMap<string, IndexedContract>;
}

/**
 * Blocks [from, to] above the final block, linked by parent hash to `parentHash` (the indexed
 * block before `from`) and decoded. Null when the provider has none of them yet; fewer blocks
 * than asked when it has only some.
 *
 * @throws ParentMismatchError when block `from` does not descend from the indexed chain (a reorg).
 */
export async function fetchUnfinalizedRange(
  options: UnfinalizedFetchOptions,
  from: bigint,
  to: bigint,
  parentHash: string | null,
): Promise<UnfinalizedRange | null> {
  const { client, chainId, contracts, contractsByAddress, checkClient, crossCheckRatio } = options;
  const { headers, logs: raw } = await fetchLinkedBlocks(
    client,
    chainId,
    addressesLiveAt(contracts, to),
    from,
    to,
    parentHash,
    { checkClient, crossCheckRatio },
  );
  const last = headers.at(-1);
  if (!last) return null;
  const logs = [...decodeContractLogs(contractsByAddress, raw)];
  return {
    from,
    to: last.number,
    logs,
    eventsCopy: eventCopyData(logs).data,
    toHash: last.hash,
    toTimestamp: last.timestamp,
    headers,
  };
}
