import type { Database } from "../db/client.ts";
import {
  deferIndexes,
  hasDeferredIndexes,
  restoreDeferredIndexes,
} from "../db/deferred-indexes.ts";
import { chainCheckpoints } from "../db/schema/index.ts";
import { lockPhaseForWrite } from "../phase/lock-phase-for-write.ts";

/** What fitIndexesToBackfill changed, for the log. */
export interface IndexChange {
  deferred: string[];
  built: string[];
  seconds: number;
}

/**
 * Whether the phase is in its first backfill: no chain of it ever caught up, and every chain
 * whose head is known is more than `backfillBlocks` behind it. A phase that served once keeps
 * its indexes through any later stretch of catching up, and a chain near its head keeps them for
 * the others.
 */
async function inFirstBackfill(db: Database, backfillBlocks: bigint): Promise<boolean> {
  const checkpoints = await db
    .select({
      caughtUpAt: chainCheckpoints.caughtUpAt,
      headBlock: chainCheckpoints.headBlock,
      lastIndexedBlock: chainCheckpoints.lastIndexedBlock,
    })
    .from(chainCheckpoints);
  return checkpoints.every(
    (checkpoint) =>
      checkpoint.caughtUpAt === null &&
      (checkpoint.headBlock === null ||
        checkpoint.headBlock - checkpoint.lastIndexedBlock > backfillBlocks),
  );
}

/**
 * Called by a chain's projector before each stretch of indexing. While the chain is far behind
 * (`backfilling`) in the phase's first backfill, the API-only indexes are dropped
 * (db/deferred-indexes.ts); once it is not, they are built again, before it can count as caught
 * up. A projector that finds them deferred by a process that died builds them just the same.
 *
 * @returns what changed, or null when nothing did.
 */
export async function fitIndexesToBackfill(
  db: Database,
  backfilling: boolean,
  backfillBlocks: bigint,
): Promise<IndexChange | null> {
  const startedAt = performance.now();
  let deferred: string[] = [];
  let built: string[] = [];
  if (!backfilling) {
    if (await hasDeferredIndexes(db)) built = await restoreDeferredIndexes(db);
  } else if (await inFirstBackfill(db, backfillBlocks)) {
    // An archived phase is only read: its indexes stay (a reset builds any it had deferred).
    deferred = await deferIndexes(db, async (tx) => (await lockPhaseForWrite(tx)) !== "archived");
  }
  if (deferred.length === 0 && built.length === 0) return null;
  return { deferred, built, seconds: (performance.now() - startedAt) / 1000 };
}
