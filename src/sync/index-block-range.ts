import { advanceCheckpoint, lockCheckpoint } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import { loadProjectionState, writeProjectionState } from "../db/projection-store.ts";
import { insertNewEvents } from "../db/write-events.ts";
import type { DecodedLog } from "../decode/decode-log.ts";
import { applyEvents } from "../projection/apply-events.ts";
import { CheckpointMovedError } from "./errors.ts";

export interface IndexedRange {
  chainId: number;
  from: bigint;
  to: bigint;
  /** Hash and timestamp of block `to`, recorded with the checkpoint. */
  toHash: string;
  toTimestamp: bigint;
  head: bigint;
  caughtUp: boolean;
  logs: readonly DecodedLog[];
}

/**
 * Stores a fetched block range and its domain changes, and advances the checkpoint, in one
 * transaction. The checkpoint row is locked first and must still end right before `from`: two
 * writers of the same chain can never both apply a range. Events already stored are skipped and
 * not projected again, so replaying a range changes nothing.
 *
 * @returns the number of events newly stored.
 */
export async function indexBlockRange(db: Database, range: IndexedRange): Promise<number> {
  return db.transaction(async (tx) => {
    const checkpoint = await lockCheckpoint(tx, range.chainId);
    if (!checkpoint) throw new CheckpointMovedError(`chain ${range.chainId} has no checkpoint`);
    if (checkpoint.lastIndexedBlock !== range.from - 1n) {
      throw new CheckpointMovedError(
        `chain ${range.chainId}: checkpoint is at ${checkpoint.lastIndexedBlock}, batch starts at ${range.from}`,
      );
    }
    const stored = await insertNewEvents(tx, range.logs);
    const state = await loadProjectionState(tx, stored);
    applyEvents(state, stored);
    await writeProjectionState(tx, state);
    await advanceCheckpoint(tx, range.chainId, {
      block: range.to,
      hash: range.toHash,
      timestamp: range.toTimestamp,
      head: range.head,
      caughtUp: range.caughtUp,
    });
    return stored.length;
  });
}
