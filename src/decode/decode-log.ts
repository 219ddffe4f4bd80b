import { type AbiEvent, decodeEventLog, type Hex } from "viem";
import type { ContractKind } from "../../abis/index.ts";
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

/** JSON-safe decoded arguments: uint/int as decimal strings, addresses and bytes lowercase hex. */
export type EventArgs = Record<string, unknown>;

export interface DecodedLog extends RawLog {
  contractKind: ContractKind;
  /** Null when topic0 matches no known event; the log is still stored, raw. */
  eventName: string | null;
  abi: string | null;
  args: EventArgs | null;
}

/** Converts viem's decoded values into plain JSON that Postgres jsonb stores without loss. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.startsWith("0x") ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]));
  }
  return value;
}

function decodeWith(event: AbiEvent, log: RawLog): EventArgs | null {
  try {
    const decoded = decodeEventLog({
      abi: [event],
      topics: log.topics as [Hex, ...Hex[]],
      data: log.data,
      strict: true,
    });
    return toJsonValue(decoded.args ?? {}) as EventArgs;
  } catch {
    return null;
  }
}

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
    const args = decodeWith(candidate.event, log);
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
