import type { Hex } from "viem";
import type { ContractKind } from "../../abis/index.ts";
import { type EventArgs, toJsonValue } from "./event-decoder.ts";
import { eventTableFor } from "./event-registry.ts";

/** A log as the indexer stores it: what every RPC returns, normalised. */
export interface RawLog {
  chainId: number;
  blockNumber: bigint;
  blockHash: Hex;
  blockTimestamp: bigint;
  txHash: Hex;
  txIndex: number;
  logIndex: number;
  address: Hex;
  topics: Hex[];
  data: Hex;
}

export type { EventArgs };
export { toJsonValue };

export interface DecodedLog extends RawLog {
  contractKind: ContractKind;
  /** Null when topic0 matches no known event; the log is still stored, raw. */
  eventName: string | null;
  abi: string | null;
  args: EventArgs | null;
}

/**
 * What the projection reads of a log: all but its raw topics and data, which only the `events`
 * rows keep. A projector that reads logs back from the sync store leaves those out.
 */
export type ProjectedLog = Omit<DecodedLog, "topics" | "data">;

/**
 * Decodes a log of a known contract against every ABI generation of its kind.
 * Logs that no generation decodes come back with `eventName: null`: stored raw, never dropped.
 *
 * @example
 * const decoded = decodeLog(log, "SessionQueueV2");
 * decoded.eventName; // "TaskQueued"
 * decoded.args; // { sessionId: "1", taskId: "0", globalId: "7", taskData: "urn:…" }
 */
export function decodeLog(log: RawLog, kind: ContractKind): DecodedLog {
  const topic0 = log.topics[0];
  const candidates = topic0 ? eventTableFor(kind).get(topic0.toLowerCase() as Hex) : undefined;
  for (const candidate of candidates ?? []) {
    const args = candidate.decode(log.topics, log.data);
    if (args) {
      return {
        ...log,
        contractKind: kind,
        eventName: candidate.event.name ?? null,
        abi: candidate.generation,
        args,
      };
    }
  }
  return { ...log, contractKind: kind, eventName: null, abi: null, args: null };
}
