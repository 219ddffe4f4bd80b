import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type RawLogRow, rawBlocks, rawLogs } from "../../db/control-schema/index.ts";
import { projectedLogOf } from "../../db/write-events.ts";
import type { EventArgs, ProjectedLog } from "../../decode/decode-log.ts";
import type { BatchRows } from "../../projection/batch-rows.ts";
import { type BlockSpan, fetchedThrough, type StoreContract } from "./block-spans.ts";
import { loadFetchedSpans, rawLogsIn } from "./store-fetched-span.ts";

/** Consecutive blocks read back from the store, ready for the projection. */
export interface StoredRange {
  from: bigint;
  to: bigint;
  logs: ProjectedLog[];
  toHash: string;
  toTimestamp: bigint;
  /** The contracts whose stored logs `logs` are (from their start blocks on). */
  storedContracts: readonly StoreContract[];
  /**
   * The stored rows the logs touch, when the range was read ahead: read while the range before
   * it was being written, so they need that range's state over them (stateFromRows).
   */
  rowsReadAhead?: Promise<BatchRows>;
}

/**
 * The columns the projection reads: not the raw topics and data, about half of a row's bytes,
 * which Postgres copies into `events` without them passing through this process.
 */
const projectedColumns = {
  chainId: rawLogs.chainId,
  blockNumber: rawLogs.blockNumber,
  logIndex: rawLogs.logIndex,
  blockHash: rawLogs.blockHash,
  blockTimestamp: rawLogs.blockTimestamp,
  txHash: rawLogs.txHash,
  txIndex: rawLogs.txIndex,
  contractAddress: rawLogs.contractAddress,
  contractKind: rawLogs.contractKind,
  eventName: rawLogs.eventName,
  abi: rawLogs.abi,
  args: rawLogs.args,
};

type ProjectedRow = Omit<RawLogRow, "topics" | "topic0" | "data">;

/** A stored row's log, its arguments parsed back. */
const toProjectedLog = (row: ProjectedRow): ProjectedLog =>
  projectedLogOf(row, row.args === null ? null : (JSON.parse(row.args) as EventArgs));

/** The stored header of the last (or first) block in [from, to] that has one. */
async function storedHeader(
  db: Database,
  chainId: number,
  span: BlockSpan,
  which: "last" | "first",
): Promise<typeof rawBlocks.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(rawBlocks)
    .where(
      and(
        eq(rawBlocks.chainId, chainId),
        gte(rawBlocks.blockNumber, span.from),
        lte(rawBlocks.blockNumber, span.to),
      ),
    )
    .orderBy(which === "last" ? desc(rawBlocks.blockNumber) : asc(rawBlocks.blockNumber))
    .limit(1);
  return row;
}

async function selectLogs(
  db: Database,
  chainId: number,
  addresses: readonly string[],
  span: BlockSpan,
  limit?: number,
): Promise<ProjectedRow[]> {
  const query = db
    .select(projectedColumns)
    .from(rawLogs)
    .where(and(rawLogsIn(chainId, span), inArray(rawLogs.contractAddress, [...addresses])))
    .orderBy(asc(rawLogs.blockNumber), asc(rawLogs.logIndex));
  return limit === undefined ? query : query.limit(limit);
}

/** Blocks of the first window when the caller has no better guess (see selectFirstLogs). */
export const DEFAULT_WINDOW_BLOCKS = 1_000n;

/**
 * The first `limit` logs of `span`, read in block windows of `window` blocks, then twice as many
 * each time, until `limit` logs are in. One `order by … limit` over the whole span would be
 * cheap with an ordered index scan, but the fetch jobs fill the store far ahead of the projector
 * and faster than autovacuum analyzes it: on statistics that still say the table is small,
 * Postgres scans and sorts every stored log of the span (hundreds of thousands) to return the
 * first few thousand. A window bounds that work, whatever the plan.
 */
async function selectFirstLogs(
  db: Database,
  chainId: number,
  addresses: readonly string[],
  span: BlockSpan,
  limit: number,
  window: bigint,
): Promise<ProjectedRow[]> {
  const rows: ProjectedRow[] = [];
  let size = window > 0n ? window : 1n;
  for (let start = span.from; start <= span.to && rows.length < limit; size *= 2n) {
    const end = start + size - 1n < span.to ? start + size - 1n : span.to;
    const part = await selectLogs(
      db,
      chainId,
      addresses,
      { from: start, to: end },
      limit - rows.length,
    );
    for (const row of part) rows.push(row);
    start = end + 1n;
  }
  return rows;
}

/**
 * The next blocks from `from` whose logs of every contract are in the store, up to `limit`,
 * ending at a block whose header the store holds: about `maxLogs` logs (more only when one
 * fetched span alone holds more). Null when the store does not hold block `from` yet.
 *
 * @param windowBlocks how many blocks are likely to hold `maxLogs` logs (the previous range's
 *   length, say): the logs are read a window at a time from there (see selectFirstLogs).
 */
export async function readStoredRange(
  db: Database,
  chainId: number,
  contracts: readonly StoreContract[],
  from: bigint,
  limit: bigint,
  maxLogs: number,
  windowBlocks = DEFAULT_WINDOW_BLOCKS,
): Promise<StoredRange | null> {
  const addresses = contracts.map((contract) => contract.address);
  const through = fetchedThrough(
    await loadFetchedSpans(db, chainId, addresses, from),
    contracts,
    from,
    limit,
  );
  if (through < from) return null;
  let rows = await selectFirstLogs(
    db,
    chainId,
    addresses,
    { from, to: through },
    maxLogs + 1,
    windowBlocks,
  );
  let header: typeof rawBlocks.$inferSelect | undefined;
  const cut = rows[maxLogs]?.blockNumber;
  if (cut === undefined) {
    header = await storedHeader(db, chainId, { from, to: through }, "last");
  } else {
    header =
      (await storedHeader(db, chainId, { from, to: cut - 1n }, "last")) ??
      (await storedHeader(db, chainId, { from: cut, to: through }, "first"));
    if (header && header.blockNumber >= cut) {
      // The blocks before `cut` are read whole already; the rest of the range is read now.
      const whole = rows.findIndex((row) => row.blockNumber >= cut);
      const rest = await selectLogs(db, chainId, addresses, { from: cut, to: header.blockNumber });
      rows = rows.slice(0, whole).concat(rest);
    }
  }
  if (!header) return null;
  const end = header.blockNumber;
  const startOf = new Map(contracts.map((contract) => [contract.address, contract.startBlock]));
  const logs = rows
    .filter(
      (row) =>
        row.blockNumber <= end && row.blockNumber >= (startOf.get(row.contractAddress) ?? end + 1n),
    )
    .map(toProjectedLog);
  return {
    from,
    to: end,
    logs,
    toHash: header.hash,
    toTimestamp: header.timestamp,
    storedContracts: contracts,
  };
}
