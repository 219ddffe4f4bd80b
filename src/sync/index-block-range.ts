import type { BlockHeader } from "../chain/fetch-logs.ts";
import { advanceCheckpoint, lockCheckpoint } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import type { StoreContract } from "../db/control-schema/index.ts";
import { insertNewRows } from "../db/rows-by-key.ts";
import { blockHashes } from "../db/schema/index.ts";
import { recordIndexedBatch } from "../db/undo-journal.ts";
import { insertEventsFromStore, startInsertNewEvents } from "../db/write-events.ts";
import type { DecodedLog, ProjectedLog } from "../decode/decode-log.ts";
import { lockPhaseForWrite } from "../phase/lock-phase-for-write.ts";
import { applyEvents } from "../projection/apply-events.ts";
import type { ProjectionState } from "../projection/projection-state.ts";
import { CheckpointMovedError, PhaseArchivedError } from "./errors.ts";
import { notifyIndexedRange } from "./notify-indexed-range.ts";
import { loadProjectionState, writeProjectionState } from "./projection-store.ts";
import type { StageClock } from "./stage-clock.ts";

interface IndexedRangeFields {
  chainId: number;
  from: bigint;
  to: bigint;
  /** Hash and timestamp of block `to`, recorded with the checkpoint. */
  toHash: string;
  toTimestamp: bigint;
  head: bigint;
  /**
   * The chain's final block when the range was fetched: a range that ends above it journals the
   * rows it overwrites, so that a reorg can undo it. Default: the range is final.
   */
  finalized?: bigint;
  caughtUp: boolean;
  /** Headers of every block of the range, when it was fetched block by block (realtime). */
  headers?: readonly BlockHeader[];
}

/** A range fetched by this process: its logs are written into `events` from here. */
interface FetchedIndexedRange extends IndexedRangeFields {
  logs: readonly DecodedLog[];
  /** The logs' `events` rows as COPY data, built ahead of the write (see write-events.ts). */
  eventsCopy?: Buffer;
  storedContracts?: undefined;
}

/**
 * A range read back from the sync store: `logs` are every stored log of `storedContracts` in
 * the range, without their raw topics and data, and Postgres copies their rows into `events`
 * itself (insertEventsFromStore).
 */
interface StoredIndexedRange extends IndexedRangeFields {
  logs: readonly ProjectedLog[];
  storedContracts: readonly StoreContract[];
}

export type IndexedRange = FetchedIndexedRange | StoredIndexedRange;

export interface IndexBlockRangeOptions {
  /** Books the batch's time to its stages (lock, load, project, events, rows, commit). */
  clock?: StageClock;
  /**
   * The rows the batch touches, read ahead of its transaction and brought up to date with the
   * batch written meanwhile (stateFromRows); read in the transaction when not given.
   */
  state?: ProjectionState;
}

/** What indexing a range did. */
export interface IndexedBatch {
  /** Events newly stored. */
  stored: number;
  /** Every row the batch read or wrote, as it committed them. */
  state: ProjectionState;
}

/**
 * Stores a fetched block range and its domain changes, and advances the checkpoint, in one
 * transaction. The checkpoint row is locked first and must still end right before `from`: two
 * writers of the same chain can never both apply a range. Events already stored are skipped and
 * not projected again, so replaying a range changes nothing.
 */
export async function indexBlockRange(
  db: Database,
  range: IndexedRange,
  { clock, state: readAhead }: IndexBlockRangeOptions = {},
): Promise<IndexedBatch> {
  const indexed = await db.transaction(async (tx) => {
    if ((await lockPhaseForWrite(tx)) === "archived") {
      throw new PhaseArchivedError(`chain ${range.chainId}: the phase was archived by a reset`);
    }
    const checkpoint = await lockCheckpoint(tx, range.chainId);
    if (!checkpoint) throw new CheckpointMovedError(`chain ${range.chainId} has no checkpoint`);
    if (checkpoint.lastIndexedBlock !== range.from - 1n) {
      throw new CheckpointMovedError(
        `chain ${range.chainId}: checkpoint is at ${checkpoint.lastIndexedBlock}, batch starts at ${range.from}`,
      );
    }
    clock?.lap("lock");
    // The rows every log may touch are read first (rows of logs found already stored are then
    // merely not changed), so that the events' COPY runs in Postgres while they are projected.
    const state = readAhead ?? (await loadProjectionState(tx, range.logs));
    clock?.lap("load");
    const stored = await storeEvents(tx, range);
    applyEvents(state, stored.logs);
    clock?.lap("project");
    await stored.written;
    clock?.lap("events");
    await recordBlockHashes(tx, range);
    const finalized = range.finalized ?? range.to;
    const unfinalized = range.to > finalized;
    await writeProjectionState(
      tx,
      state,
      unfinalized ? { chainId: range.chainId, batchToBlock: range.to } : undefined,
    );
    await recordIndexedBatch(
      tx,
      { chainId: range.chainId, fromBlock: range.from, toBlock: range.to, toHash: range.toHash },
      finalized,
    );
    await advanceCheckpoint(tx, range.chainId, {
      block: range.to,
      hash: range.toHash,
      timestamp: range.toTimestamp,
      head: range.head,
      finalized,
      caughtUp: range.caughtUp,
    });
    await notifyIndexedRange(tx, range, state);
    clock?.lap("rows");
    return { stored: stored.logs.length, state };
  });
  clock?.lap("commit");
  return indexed;
}

/**
 * Starts storing the range's events; resolves with the logs to project (those not stored
 * before) and the write to await before the next statement.
 */
async function storeEvents(
  tx: Database,
  range: IndexedRange,
): Promise<{ logs: readonly ProjectedLog[]; written: Promise<void> }> {
  if (range.storedContracts === undefined) {
    const { stored, written } = await startInsertNewEvents(tx, range.logs, range.eventsCopy);
    return { logs: stored, written };
  }
  // Not awaited here: Postgres copies the rows while this thread projects them.
  const written = insertEventsFromStore(
    tx,
    range.chainId,
    range.from,
    range.to,
    range.storedContracts,
  ).then((copied) => {
    if (copied !== range.logs.length) {
      throw new Error(
        `chain ${range.chainId}: the sync store gave ${range.logs.length} logs for blocks [${range.from}, ${range.to}] but copied ${copied}`,
      );
    }
  });
  written.catch(() => {});
  return { logs: range.logs, written };
}

/**
 * The hash of every block with logs, of every header fetched with the range and of its last block:
 * for as-of-block queries, and to place a reorg's fork point to the block.
 */
async function recordBlockHashes(db: Database, range: IndexedRange): Promise<void> {
  const rows = new Map<bigint, typeof blockHashes.$inferInsert>();
  for (const log of range.logs) {
    rows.set(log.blockNumber, {
      chainId: range.chainId,
      blockNumber: log.blockNumber,
      hash: log.blockHash.toLowerCase(),
      timestamp: log.blockTimestamp,
    });
  }
  for (const header of range.headers ?? []) {
    rows.set(header.number, {
      chainId: range.chainId,
      blockNumber: header.number,
      hash: header.hash.toLowerCase(),
      timestamp: header.timestamp,
    });
  }
  rows.set(range.to, {
    chainId: range.chainId,
    blockNumber: range.to,
    hash: range.toHash.toLowerCase(),
    timestamp: range.toTimestamp,
  });
  await insertNewRows(db, blockHashes, [...rows.values()]);
}
