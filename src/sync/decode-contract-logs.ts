import type { Hex } from "viem";
import type { IndexedContract } from "../config/load-network.ts";
import { type DecodedLog, decodeLog, type RawLog } from "../decode/decode-log.ts";

/** The addresses of the contracts deployed by `block` (started at or before it). */
export function addressesLiveAt(contracts: readonly IndexedContract[], block: bigint): Hex[] {
  return contracts.filter((contract) => contract.startBlock <= block).map((c) => c.address as Hex);
}

/**
 * Decodes the logs of known contracts one at a time, in the order given; a log below its
 * contract's start block is not ours and is left out. Lazy, so that a caller turning each log
 * into bytes at once (eventCopyData) never holds a span's decoded objects all together: they die
 * young instead of surviving into the old generation.
 */
export function* decodeContractLogs(
  contractsByAddress: ReadonlyMap<string, IndexedContract>,
  logs: readonly RawLog[],
): Generator<DecodedLog, void, undefined> {
  for (const log of logs) {
    const contract = contractsByAddress.get(log.address.toLowerCase());
    if (contract && log.blockNumber >= contract.startBlock) yield decodeLog(log, contract.kind);
  }
}
