import { and, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { fetchedIntervals, rawBlocks, rawLogs } from "../../db/control-schema/index.ts";
import { insertNewRows } from "../../db/rows-by-key.ts";
import {
  parseEventCopyLines,
  postgresTransactionOf,
  startCopyEvents,
} from "../../db/write-events.ts";
import { type BlockSpan, maxBigint, mergeSpans, type StoreContract } from "./block-spans.ts";

/**
 * Arbitrary, fixed: with the chain id, the advisory lock under which a chain's store writes end
 * (the last header, the interval merge, the commit) and its promotions and clears run, one at a
 * time. Logs are copied before it is taken.
 */
const STORE_LOCK_ID = 730_211_456;

/** Blocks fetched from the RPC, ready for the store. */
export interface FetchedSpan {
  chainId: number;
  from: bigint;
  to: bigint;
  /** Hash and timestamp of block `to`. */
  toHash: string;
  toTimestamp: bigint;
  /** How many logs of `contracts` the span has. */
  logCount: number;
  /** Every log of `contracts` in the span, in chain order, as COPY lines (see write-events.ts). */
  eventsCopy: Buffer;
  /** The contracts asked for; a contract records the blocks from its start (or `from`) on. */
  contracts: readonly StoreContract[];
}

/**
 * Takes the chain's store lock for the rest of the transaction: interval merges of one chain
 * must not interleave, or two writers could each drop the other's new row.
 */
export async function lockChainStore(tx: Database, chainId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${STORE_LOCK_ID}, ${chainId})`);
}

/** A contract's newly fetched blocks. */
export interface FetchedInterval extends BlockSpan {
  address: string;
}

/**
 * Adds intervals to the contracts' fetched intervals, each merged with those it touches: one
 * read, one delete and one insert, whatever the number of contracts. Takes the chain's store
 * lock first.
 */
export async function recordFetchedIntervals(
  tx: Database,
  chainId: number,
  added: readonly FetchedInterval[],
): Promise<void> {
  if (added.length === 0) return;
  await lockChainStore(tx, chainId);
  const touching = or(
    ...added.map((interval) =>
      and(
        eq(fetchedIntervals.address, interval.address),
        lte(fetchedIntervals.fromBlock, interval.to + 1n),
        gte(fetchedIntervals.toBlock, interval.from - 1n),
      ),
    ),
  );
  const where = and(eq(fetchedIntervals.chainId, chainId), touching);
  const existing = await tx
    .select({
      address: fetchedIntervals.address,
      from: fetchedIntervals.fromBlock,
      to: fetchedIntervals.toBlock,
    })
    .from(fetchedIntervals)
    .where(where);
  const byAddress = new Map<string, BlockSpan[]>();
  for (const interval of [...existing, ...added]) {
    const list = byAddress.get(interval.address) ?? [];
    list.push({ from: interval.from, to: interval.to });
    byAddress.set(interval.address, list);
  }
  if (existing.length > 0) await tx.delete(fetchedIntervals).where(where);
  await tx.insert(fetchedIntervals).values(
    [...byAddress].flatMap(([address, spans]) =>
      mergeSpans(spans).map((span) => ({
        chainId,
        address,
        fromBlock: span.from,
        toBlock: span.to,
      })),
    ),
  );
}

/** The store's logs of a chain in blocks [from, to]. */
export const rawLogsIn = (chainId: number, span: BlockSpan) =>
  and(
    eq(rawLogs.chainId, chainId),
    gte(rawLogs.blockNumber, span.from),
    lte(rawLogs.blockNumber, span.to),
  );

/** Whether the store holds any log of the chain in [from, to]. */
async function storeHasLogsIn(tx: Database, chainId: number, span: BlockSpan): Promise<boolean> {
  const found = await tx
    .select({ one: sql`1` })
    .from(rawLogs)
    .where(rawLogsIn(chainId, span))
    .limit(1);
  return found.length > 0;
}

/** Postgres' SQLSTATE for a unique violation. */
const UNIQUE_VIOLATION = "23505";

/**
 * Writes a span's logs into `raw_logs`, outside the chain's store lock: the fetch jobs of a
 * chain, on any worker, copy their spans side by side, and only the ends of their writes take
 * turns. A span overlapping logs that another writer stored first (a retried job, two workers on
 * one span) fails its COPY on their key once that writer commits; the COPY is then undone to its
 * savepoint and the logs inserted with the ones already stored skipped.
 */
async function storeSpanLogs(tx: Database, span: FetchedSpan): Promise<void> {
  const pg = postgresTransactionOf(tx);
  if (pg && !(await storeHasLogsIn(tx, span.chainId, span))) {
    try {
      await pg.savepoint(async (savepoint) => {
        const { finished } = await startCopyEvents(
          savepoint,
          span.eventsCopy,
          "cortensor.raw_logs",
        );
        await finished;
      });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
  }
  // PGlite, or logs another writer stored first: inserted with those already stored skipped.
  await insertNewRows(tx, rawLogs, parseEventCopyLines(span.eventsCopy));
}

/**
 * Stores a fetched span: its logs, the header of its last block and, for each contract, the
 * blocks now fetched, in one transaction. Writing a span twice (two workers, a retried job)
 * changes nothing: logs already stored are skipped and intervals merge.
 */
export async function storeFetchedSpan(db: Database, span: FetchedSpan): Promise<void> {
  await db.transaction(async (tx) => {
    if (span.logCount > 0) await storeSpanLogs(tx, span);
    // Every store write commits under the lock, so a clear (clear-chain-store.ts) is never
    // interleaved with one: the write lands wholly before it, or wholly after.
    await lockChainStore(tx, span.chainId);
    await insertNewRows(tx, rawBlocks, [
      {
        chainId: span.chainId,
        blockNumber: span.to,
        hash: span.toHash.toLowerCase(),
        timestamp: span.toTimestamp,
      },
    ]);
    await recordFetchedIntervals(
      tx,
      span.chainId,
      span.contracts
        .filter((contract) => contract.startBlock <= span.to)
        .map((contract) => ({
          address: contract.address,
          from: maxBigint(contract.startBlock, span.from),
          to: span.to,
        })),
    );
  });
}

/** A contract's fetched intervals that end at or after `from`, by address. */
export async function loadFetchedSpans(
  db: Database,
  chainId: number,
  addresses: readonly string[],
  from: bigint,
): Promise<Map<string, BlockSpan[]>> {
  const rows = await db
    .select({
      address: fetchedIntervals.address,
      from: fetchedIntervals.fromBlock,
      to: fetchedIntervals.toBlock,
    })
    .from(fetchedIntervals)
    .where(
      and(
        eq(fetchedIntervals.chainId, chainId),
        inArray(fetchedIntervals.address, [...addresses]),
        gte(fetchedIntervals.toBlock, from),
      ),
    );
  const spans = new Map<string, BlockSpan[]>();
  for (const row of rows) {
    const list = spans.get(row.address) ?? [];
    list.push({ from: row.from, to: row.to });
    spans.set(row.address, list);
  }
  for (const [address, list] of spans) spans.set(address, mergeSpans(list));
  return spans;
}
