import type { DecodedLog } from "../decode/decode-log.ts";
import type { Database } from "./client.ts";
import { type EventRow, events } from "./schema/index.ts";

/** 15 columns per row keeps one statement well under Postgres' 65,535 bind parameters. */
const ROWS_PER_STATEMENT = 2000;

function toEventRow(log: DecodedLog): EventRow {
  return {
    chainId: log.chainId,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    blockHash: log.blockHash.toLowerCase(),
    blockTimestamp: log.blockTimestamp,
    txHash: log.txHash.toLowerCase(),
    txIndex: log.txIndex,
    contractAddress: log.address.toLowerCase(),
    contractKind: log.contractKind,
    eventName: log.eventName,
    abi: log.abi,
    topic0: log.topics[0]?.toLowerCase() ?? null,
    topics: log.topics.map((topic) => topic.toLowerCase()),
    data: log.data.toLowerCase(),
    args: log.args,
  };
}

const eventKey = (chainId: number, blockNumber: bigint, logIndex: number) =>
  `${chainId}:${blockNumber}:${logIndex}`;

/**
 * Stores logs, skipping any already stored, and returns only the newly stored ones in their
 * original order: the caller projects exactly those, which makes replaying a range a no-op.
 */
export async function insertNewEvents(
  db: Database,
  logs: readonly DecodedLog[],
): Promise<DecodedLog[]> {
  const inserted = new Set<string>();
  for (let start = 0; start < logs.length; start += ROWS_PER_STATEMENT) {
    const rows = logs.slice(start, start + ROWS_PER_STATEMENT).map(toEventRow);
    const keys = await db.insert(events).values(rows).onConflictDoNothing().returning({
      chainId: events.chainId,
      blockNumber: events.blockNumber,
      logIndex: events.logIndex,
    });
    for (const key of keys) inserted.add(eventKey(key.chainId, key.blockNumber, key.logIndex));
  }
  return logs.filter((log) => inserted.has(eventKey(log.chainId, log.blockNumber, log.logIndex)));
}
