import { and, between, eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import type { Hex } from "viem";
import type { ContractKind } from "../../abis/index.ts";
import type { DecodedLog, EventArgs, ProjectedLog } from "../decode/decode-log.ts";
import type { Database } from "./client.ts";
import type { RawLogRow, StoreContract } from "./control-schema/index.ts";
import { insertNewRowsReturning } from "./rows-by-key.ts";
import { type EventRow, events } from "./schema/index.ts";

/** A log's `events` row (hashes and addresses lower case). */
export function toEventRow(log: DecodedLog): EventRow {
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

/** The columns of an `events` row (or of a row shaped like one) that the projection reads. */
export type ProjectedEventColumns = Omit<EventRow, "topics" | "topic0" | "data" | "args">;

/** What the projection reads of an `events`-shaped row, given its parsed arguments. */
export function projectedLogOf(row: ProjectedEventColumns, args: EventArgs | null): ProjectedLog {
  return {
    chainId: row.chainId,
    blockNumber: row.blockNumber,
    blockHash: row.blockHash as Hex,
    blockTimestamp: row.blockTimestamp,
    txHash: row.txHash as Hex,
    txIndex: row.txIndex,
    logIndex: row.logIndex,
    address: row.contractAddress as Hex,
    contractKind: row.contractKind as ContractKind,
    eventName: row.eventName ?? null,
    abi: row.abi ?? null,
    args,
  };
}

/** The log an `events` row (or a row shaped like one) holds: toEventRow undone. */
export function fromEventRow(row: EventRow): DecodedLog {
  return {
    ...projectedLogOf(row, (row.args as EventArgs | null) ?? null),
    topics: row.topics as Hex[],
    data: row.data as Hex,
  };
}

const eventKey = (log: Pick<DecodedLog, "chainId" | "blockNumber" | "logIndex">) =>
  `${log.chainId}:${log.blockNumber}:${log.logIndex}`;

/** The postgres.js transaction under a Drizzle transaction, or null (PGlite, or no transaction). */
export function postgresTransactionOf(db: Database): postgres.TransactionSql | null {
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

/**
 * The COPY text line of a log's `events` row (also a row of the sync store's `raw_logs`). Callers
 * that have idle time before the write (a fetch job, while its next ranges arrive) build these
 * beforehand and hand them to the COPY.
 */
export function eventCopyLine(log: DecodedLog): string {
  const row = toEventRow(log);
  return `${row.chainId}\t${row.blockNumber}\t${row.logIndex}\t${row.blockHash}\t${row.blockTimestamp}\t${row.txHash}\t${row.txIndex}\t${copyText(row.contractAddress)}\t${copyText(row.contractKind)}\t${copyText(row.eventName ?? null)}\t${copyText(row.abi ?? null)}\t${copyText(row.topic0 ?? null)}\t${copyText(JSON.stringify(row.topics))}\t${copyText(row.data)}\t${row.args ? copyText(JSON.stringify(row.args)) : "\\N"}\n`;
}

/** eventCopyData writes into pieces of this size, joined once at the end. */
const COPY_DATA_PIECE_BYTES = 256 * 1024;

/**
 * The COPY data of logs' `events` rows (eventCopyLine of each, in order, as UTF-8) and how many
 * rows it holds. Each line goes into bytes as soon as it is built, so with a lazy `logs`
 * (decodeContractLogs) no log object and no line outlives its turn.
 */
export function eventCopyData(logs: Iterable<DecodedLog>): { data: Buffer; rows: number } {
  const pieces: Buffer[] = [];
  let piece = Buffer.allocUnsafe(COPY_DATA_PIECE_BYTES);
  let used = 0;
  let rows = 0;
  for (const log of logs) {
    const line = eventCopyLine(log);
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const worst = line.length * 3;
    if (used + worst > piece.length) {
      pieces.push(piece.subarray(0, used));
      piece = Buffer.allocUnsafe(Math.max(COPY_DATA_PIECE_BYTES, worst));
      used = 0;
    }
    used += piece.write(line, used);
    rows += 1;
  }
  pieces.push(piece.subarray(0, used));
  return { data: Buffer.concat(pieces), rows };
}

/** COPY text unescaping of one value: copyText undone. */
function fromCopyText(value: string): string | null {
  if (value === "\\N") return null;
  if (!value.includes("\\")) return value;
  return value.replace(/\\(.)/g, (_, escaped: string) =>
    escaped === "t" ? "\t" : escaped === "n" ? "\n" : escaped === "r" ? "\r" : escaped,
  );
}

/**
 * The rows of COPY data built by eventCopyLine, as `raw_logs` rows (the JSON columns as text):
 * for writes that cannot take the COPY data as it is (see store-fetched-span.ts).
 */
export function parseEventCopyLines(data: Buffer): RawLogRow[] {
  const lines = data.toString("utf8").split("\n");
  lines.pop();
  return lines.map((line) => {
    // The columns in COPY_COLUMNS order; only event_name, abi, topic0 and args may be null.
    const field = line.split("\t").map(fromCopyText);
    const text = (column: number) => field[column] as string;
    return {
      chainId: Number(text(0)),
      blockNumber: BigInt(text(1)),
      logIndex: Number(text(2)),
      blockHash: text(3),
      blockTimestamp: BigInt(text(4)),
      txHash: text(5),
      txIndex: Number(text(6)),
      contractAddress: text(7),
      contractKind: text(8),
      eventName: field[9] ?? null,
      abi: field[10] ?? null,
      topic0: field[11] ?? null,
      topics: text(12),
      data: text(13),
      args: field[14] ?? null,
    };
  });
}

const COPY_COLUMNS =
  "chain_id, block_number, log_index, block_hash, block_timestamp, tx_hash, tx_index, contract_address, contract_kind, event_name, abi, topic0, topics, data, args";
/** postgres.js stalls on single writes of tens of megabytes: COPY data goes in pieces. */
const COPY_PIECE_CHARS = 1024 * 1024;

/**
 * Starts a COPY of logs into `table` (`events`, or the sync store's `raw_logs`, which has the
 * same columns) and hands it all of its data at once: `rows` are the logs, or their COPY lines
 * built ahead (eventCopyLine of each, in order, as UTF-8). The promise settles when Postgres has
 * taken every row. Meanwhile the connection is busy, but this thread is free.
 */
export async function startCopyEvents(
  tx: postgres.TransactionSql,
  rows: Buffer | readonly DecodedLog[],
  table: "events" | "cortensor.raw_logs" = "events",
): Promise<{ finished: Promise<void> }> {
  const copy = tx.unsafe(`copy ${table} (${COPY_COLUMNS}) from stdin`);
  const stream = await copy.writable();
  // A failure (a dropped connection) reaches the caller as the stream's error; the query's own
  // rejection must not go unhandled beside it, or the process dies.
  copy.catch(() => {});
  const finished = new Promise<void>((resolve, reject) => {
    stream.once("finish", resolve);
    stream.once("error", reject);
  });
  if (Buffer.isBuffer(rows)) {
    for (let at = 0; at < rows.length; at += COPY_PIECE_CHARS) {
      stream.write(rows.subarray(at, at + COPY_PIECE_CHARS));
    }
    stream.end();
  } else {
    let piece = "";
    for (const log of rows) {
      piece += eventCopyLine(log);
      if (piece.length >= COPY_PIECE_CHARS) {
        stream.write(piece);
        piece = "";
      }
    }
    stream.end(piece);
  }
  // Wrapped: an awaited bare promise would wait for the COPY itself.
  return { finished };
}

/** Events being stored: which are new, and when Postgres has them all. */
export interface EventsWrite {
  /** The logs not stored before, in their original order. */
  stored: DecodedLog[];
  /** Settles when every new row is in (rejects when the write failed). */
  written: Promise<void>;
}

/**
 * Starts storing logs, skipping any already stored. It resolves as soon as it knows which logs
 * are new, possibly before Postgres has them all: the caller can project them while the rows
 * go in, and awaits `written` before its next statement.
 *
 * On Postgres, a span where the chain has no stored event yet (every backfill range) is written
 * with COPY, the fastest way in, from `preparedCopy` when given (eventCopyLine of every log, in
 * order, as UTF-8); otherwise, and on PGlite, one INSERT … ON CONFLICT DO NOTHING RETURNING per 50,000
 * rows tells which rows are new.
 */
export async function startInsertNewEvents(
  db: Database,
  logs: readonly DecodedLog[],
  preparedCopy?: Buffer,
): Promise<EventsWrite> {
  const seen = new Set<string>();
  const unique = logs.filter((log) => {
    const key = eventKey(log);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Prepared lines are those of `logs`; with duplicates dropped they no longer match.
  const prepared = unique.length === logs.length ? preparedCopy : undefined;
  if (unique.length === 0) return { stored: [], written: Promise.resolve() };
  const tx = postgresTransactionOf(db);
  if (tx && (await spanIsEmpty(db, unique))) {
    const { finished: written } = await startCopyEvents(tx, prepared ?? unique);
    // Awaited by the caller; a failure while it projects must not go unhandled meanwhile.
    written.catch(() => {});
    return { stored: unique, written };
  }
  const inserted = await insertNewRowsReturning(db, events, unique.map(toEventRow), [
    events.chainId,
    events.blockNumber,
    events.logIndex,
  ]);
  const stored = new Set(inserted.map((key) => key.join(":")));
  return {
    stored: unique.filter((log) => stored.has(eventKey(log))),
    written: Promise.resolve(),
  };
}

/**
 * Stores logs, skipping any already stored, and returns only the newly stored ones in their
 * original order: the caller projects exactly those, which makes replaying a range a no-op.
 */
export async function insertNewEvents(
  db: Database,
  logs: readonly DecodedLog[],
): Promise<DecodedLog[]> {
  const { stored, written } = await startInsertNewEvents(db, logs);
  await written;
  return stored;
}

/**
 * Copies the sync store's logs of `contracts` in blocks [from, to] into the phase's `events`,
 * in Postgres (no row travels to this process): a projected range's logs are already stored
 * there. The caller guarantees that none of them is in `events` yet (the checkpoint sits right
 * before `from`); a duplicate would fail the transaction rather than be skipped.
 *
 * @returns the number of rows copied.
 */
export async function insertEventsFromStore(
  db: Database,
  chainId: number,
  from: bigint,
  to: bigint,
  contracts: readonly StoreContract[],
): Promise<number> {
  const addresses = contracts.map((contract) => contract.address);
  const starts = contracts.map((contract) => contract.startBlock.toString());
  const result = await db.execute(sql`
    insert into events (${sql.raw(COPY_COLUMNS)})
    select r.chain_id, r.block_number, r.log_index, r.block_hash, r.block_timestamp, r.tx_hash,
      r.tx_index, r.contract_address, r.contract_kind, r.event_name, r.abi, r.topic0,
      r.topics::jsonb, r.data, r.args::jsonb
    from cortensor.raw_logs r
    join unnest(${sql.param(addresses)}::text[], ${sql.param(starts)}::bigint[])
      as c(address, start_block)
      on r.contract_address = c.address and r.block_number >= c.start_block
    where r.chain_id = ${chainId} and r.block_number between ${from} and ${to}`);
  // postgres.js reports `count`, PGlite `affectedRows`.
  const counted = result as unknown as { count?: number; affectedRows?: number };
  return counted.count ?? counted.affectedRows ?? 0;
}
