import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { fetchedIntervals, rawBlocks, rawLogs } from "../../db/control-schema/index.ts";
import { insertNewRows } from "../../db/rows-by-key.ts";
import { postgresTransactionOf, startCopyEvents } from "../../db/write-events.ts";
import type { DecodedLog } from "../../decode/decode-log.ts";
import { type BlockSpan, maxBigint, mergeSpans, type StoreContract } from "./block-spans.ts";

/** Arbitrary, fixed: with the chain id, the advisory lock that serialises a chain's store writes. */
const STORE_LOCK_ID = 730_211_456;

/** Blocks fetched from the RPC, ready for the store. */
export interface FetchedSpan {
  chainId: number;
  from: bigint;
  to: bigint;
  /** Hash and timestamp of block `to`. */
  toHash: string;
  toTimestamp: bigint;
  /** Every log of `contracts` in the span, in chain order. */
  logs: readonly DecodedLog[];
  /** The logs as `events`-shaped COPY lines (UTF-8), when built ahead (see write-events.ts). */
  eventsCopy?: Buffer;
  /** The contracts asked for; a contract records the blocks from its start (or `from`) on. */
  contracts: readonly StoreContract[];
}

function toRawLogRow(log: DecodedLog): typeof rawLogs.$inferInsert {
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
    topics: JSON.stringify(log.topics.map((topic) => topic.toLowerCase())),
    data: log.data.toLowerCase(),
    args: log.args ? JSON.stringify(log.args) : null,
  };
}

/**
 * Takes the chain's store lock for the rest of the transaction: interval merges of one chain
 * must not interleave, or two writers could each drop the other's new row.
 */
export async function lockChainStore(tx: Database, chainId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${STORE_LOCK_ID}, ${chainId})`);
}

/** Adds [from, to] to a contract's fetched intervals, merged with those it touches. */
export async function recordFetchedInterval(
  tx: Database,
  chainId: number,
  address: string,
  span: BlockSpan,
): Promise<void> {
  const touching = and(
    eq(fetchedIntervals.chainId, chainId),
    eq(fetchedIntervals.address, address),
    lte(fetchedIntervals.fromBlock, span.to + 1n),
    gte(fetchedIntervals.toBlock, span.from - 1n),
  );
  const existing = await tx
    .select({ from: fetchedIntervals.fromBlock, to: fetchedIntervals.toBlock })
    .from(fetchedIntervals)
    .where(touching);
  const [merged] = mergeSpans([...existing, span]);
  if (!merged) return;
  if (existing.length > 0) await tx.delete(fetchedIntervals).where(touching);
  await tx
    .insert(fetchedIntervals)
    .values({ chainId, address, fromBlock: merged.from, toBlock: merged.to });
}

/** Whether the store holds any log of the chain in [from, to]. */
async function storeHasLogsIn(tx: Database, chainId: number, span: BlockSpan): Promise<boolean> {
  const found = await tx
    .select({ one: sql`1` })
    .from(rawLogs)
    .where(
      and(
        eq(rawLogs.chainId, chainId),
        gte(rawLogs.blockNumber, span.from),
        lte(rawLogs.blockNumber, span.to),
      ),
    )
    .limit(1);
  return found.length > 0;
}

/**
 * Stores a fetched span: its logs, the header of its last block and, for each contract, the
 * blocks now fetched, in one transaction. Writing a span twice (two workers, a retried job)
 * changes nothing: logs already stored are skipped and intervals merge.
 */
export async function storeFetchedSpan(db: Database, span: FetchedSpan): Promise<void> {
  await db.transaction(async (tx) => {
    await lockChainStore(tx, span.chainId);
    const pg = postgresTransactionOf(tx);
    if (span.logs.length > 0) {
      if (pg && !(await storeHasLogsIn(tx, span.chainId, span))) {
        const { finished } = await startCopyEvents(
          pg,
          span.logs,
          span.eventsCopy,
          "cortensor.raw_logs",
        );
        await finished;
      } else {
        await insertNewRows(tx, rawLogs, span.logs.map(toRawLogRow));
      }
    }
    await insertNewRows(tx, rawBlocks, [
      {
        chainId: span.chainId,
        blockNumber: span.to,
        hash: span.toHash.toLowerCase(),
        timestamp: span.toTimestamp,
      },
    ]);
    for (const contract of span.contracts) {
      if (contract.startBlock > span.to) continue;
      const from = maxBigint(contract.startBlock, span.from);
      await recordFetchedInterval(tx, span.chainId, contract.address, { from, to: span.to });
    }
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
