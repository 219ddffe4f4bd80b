import { once } from "node:events";
import { and, between, eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import type { DecodedLog } from "../decode/decode-log.ts";
import type { Database } from "./client.ts";
import { insertNewRowsReturning } from "./rows-by-key.ts";
import { type EventRow, events } from "./schema/index.ts";

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

const eventKey = (log: Pick<DecodedLog, "chainId" | "blockNumber" | "logIndex">) =>
  `${log.chainId}:${log.blockNumber}:${log.logIndex}`;

/** The postgres.js transaction under a Drizzle transaction, or null (PGlite, or no transaction). */
function postgresTransactionOf(db: Database): postgres.TransactionSql | null {
  const client = (db as unknown as { session?: { client?: Partial<postgres.TransactionSql> } })
    .session?.client;
  return typeof client?.unsafe === "function" && typeof client.savepoint === "function"
    ? (client as postgres.TransactionSql)
    : null;
}

/** Whether no event of `logs`' chain is stored anywhere in their block span. */
async function spanIsEmpty(db: Database, logs: readonly DecodedLog[]): Promise<boolean> {
  const first = logs[0] as DecodedLog;
  let low = first.blockNumber;
  let high = first.blockNumber;
  for (const log of logs) {
    if (log.chainId !== first.chainId) return false;
    if (log.blockNumber < low) low = log.blockNumber;
    if (log.blockNumber > high) high = log.blockNumber;
  }
  const found = await db
    .select({ one: sql`1` })
    .from(events)
    .where(and(eq(events.chainId, first.chainId), between(events.blockNumber, low, high)))
    .limit(1);
  return found.length === 0;
}

/** COPY text escaping of one value (`\N` for null). */
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;
}

function copyLine(log: DecodedLog): string {
  const row = toEventRow(log);
  return `${row.chainId}\t${row.blockNumber}\t${row.logIndex}\t${row.blockHash}\t${row.blockTimestamp}\t${row.txHash}\t${row.txIndex}\t${copyText(row.contractAddress)}\t${copyText(row.contractKind)}\t${copyText(row.eventName ?? null)}\t${copyText(row.abi ?? null)}\t${copyText(row.topic0 ?? null)}\t${copyText(JSON.stringify(row.topics))}\t${copyText(row.data)}\t${row.args ? copyText(JSON.stringify(row.args)) : "\\N"}\n`;
}

const COPY_COLUMNS =
  "chain_id, block_number, log_index, block_hash, block_timestamp, tx_hash, tx_index, contract_address, contract_kind, event_name, abi, topic0, topics, data, args";
/** postgres.js stalls on single writes of tens of megabytes: COPY data goes in pieces. */
const COPY_PIECE_CHARS = 256 * 1024;

async function copyEvents(tx: postgres.TransactionSql, logs: readonly DecodedLog[]): Promise<void> {
  const stream = await tx.unsafe(`copy events (${COPY_COLUMNS}) from stdin`).writable();
  const finished = new Promise<void>((resolve, reject) => {
    stream.once("finish", resolve);
    stream.once("error", reject);
  });
  let piece = "";
  for (const log of logs) {
    piece += copyLine(log);
    if (piece.length >= COPY_PIECE_CHARS) {
      if (!stream.write(piece)) await Promise.race([once(stream, "drain"), finished]);
      piece = "";
    }
  }
  stream.end(piece);
  await finished;
}

/**
 * Stores logs, skipping any already stored, and returns only the newly stored ones in their
 * original order: the caller projects exactly those, which makes replaying a range a no-op.
 *
 * On Postgres, a span where the chain has no stored event yet (every backfill range) is written
 * with COPY, the fastest way in; otherwise, and on PGlite, one INSERT … ON CONFLICT DO NOTHING
 * RETURNING per 50,000 rows tells which rows are new.
 */
export async function insertNewEvents(
  db: Database,
  logs: readonly DecodedLog[],
): Promise<DecodedLog[]> {
  const seen = new Set<string>();
  const unique = logs.filter((log) => {
    const key = eventKey(log);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return [];
  const tx = postgresTransactionOf(db);
  if (tx && (await spanIsEmpty(db, unique))) {
    await copyEvents(tx, unique);
    return unique;
  }
  const inserted = await insertNewRowsReturning(db, events, unique.map(toEventRow), [
    events.chainId,
    events.blockNumber,
    events.logIndex,
  ]);
  const stored = new Set(inserted.map((key) => key.join(":")));
  return unique.filter((log) => stored.has(eventKey(log)));
}
