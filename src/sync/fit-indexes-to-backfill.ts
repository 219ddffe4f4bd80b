import { ne } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import {
  deferIndexes,
  hasDeferredIndexes,
  restoreDeferredIndexes,
} from "../db/deferred-indexes.ts";
import { chainCheckpoints } from "../db/schema/index.ts";
import { lockPhaseForWrite } from "../phase/lock-phase-for-write.ts";

/** Where a chain's projector stands. */
export interface ChainPosition {
  chainId: number;
  /** The chain's first indexed block. */
  startBlock: bigint;
  /** The last block indexed, or about to be (the end of the next batch). */
  indexed: bigint;
  finalized: bigint;
}

/** What fitIndexesToBackfill changed, for the log. */
export interface IndexChange {
  deferred: string[];
  built: string[];
  seconds: number;
}

/**
 * Whether no other chain of the phase is within `backfillBlocks` of the head it last recorded:
 * its projector would build the indexes again at once.
 */
async function othersFarBehind(
  db: Database,
  chainId: number,
  backfillBlocks: bigint,
): Promise<boolean> {
  const others = await db
    .select({
      headBlock: chainCheckpoints.headBlock,
      lastIndexedBlock: chainCheckpoints.lastIndexedBlock,
    })
    .from(chainCheckpoints)
    .where(ne(chainCheckpoints.chainId, chainId));
  return others.every(
    (other) =>
      other.headBlock === null || other.headBlock - other.lastIndexedBlock > backfillBlocks,
  );
}

/**
 * Called by a chain's projector before a stretch of indexing. A chain more than
 * `backfillBlocks` behind its final block, with more blocks ahead than behind it (a phase's first
 * backfill, not an index that served and fell behind), drops the indexes only the API reads
 * (db/deferred-indexes.ts) unless another chain is near its head; a chain near its head builds
 * any that are dropped, whoever dropped them, before it can count as caught up.
 *
 * @returns what changed, or null when nothing did.
 */
export async function fitIndexesToBackfill(
  db: Database,
  position: ChainPosition,
  backfillBlocks: bigint,
): Promise<IndexChange | null> {
  const startedAt = performance.now();
  const ahead = position.finalized - position.indexed;
  const behind = position.indexed - position.startBlock + 1n;
  let deferred: string[] = [];
  let built: string[] = [];
  if (ahead <= backfillBlocks) {
    if (await hasDeferredIndexes(db)) built = await restoreDeferredIndexes(db);
  } else if (ahead > behind && (await othersFarBehind(db, position.chainId, backfillBlocks))) {
    // An archived phase is only read: its indexes stay (a reset builds any it had deferred).
    deferred = await deferIndexes(db, async (tx) => (await lockPhaseForWrite(tx)) !== "archived");
  }
  if (deferred.length === 0 && built.length === 0) return null;
  return { deferred, built, seconds: (performance.now() - startedAt) / 1000 };
}
