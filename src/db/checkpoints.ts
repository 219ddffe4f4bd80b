import { eq, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { type ChainCheckpointRow, chainCheckpoints } from "./schema/index.ts";

export interface CheckpointSeed {
  chainId: number;
  network: string;
  chainName: string;
  startBlock: bigint;
}

/** Creates the chain's checkpoint on first start; an existing one is left as it is. */
export async function ensureCheckpoint(
  db: Database,
  seed: CheckpointSeed,
): Promise<ChainCheckpointRow> {
  // Read first: an insert would wait for any writer holding the row, a read never does.
  const existing = await readCheckpoint(db, seed.chainId);
  if (existing) return existing;
  await db
    .insert(chainCheckpoints)
    .values({ ...seed, lastIndexedBlock: seed.startBlock - 1n })
    .onConflictDoNothing();
  const row = await readCheckpoint(db, seed.chainId);
  if (!row) throw new Error(`checkpoint of chain ${seed.chainId} vanished after insert`);
  return row;
}

export async function readCheckpoint(
  db: Database,
  chainId: number,
): Promise<ChainCheckpointRow | undefined> {
  const [row] = await db
    .select()
    .from(chainCheckpoints)
    .where(eq(chainCheckpoints.chainId, chainId));
  return row;
}

/**
 * Locks the chain's checkpoint row until the transaction ends: the one writer of a chain at a time.
 * Must be called inside a transaction.
 */
export async function lockCheckpoint(
  tx: Database,
  chainId: number,
): Promise<ChainCheckpointRow | undefined> {
  const [row] = await tx
    .select()
    .from(chainCheckpoints)
    .where(eq(chainCheckpoints.chainId, chainId))
    .for("update");
  return row;
}

export interface CheckpointAdvance {
  block: bigint;
  hash: string;
  timestamp: bigint;
  head: bigint;
  /** The chain's final block as the batch saw it. */
  finalized: bigint;
  caughtUp: boolean;
}

export async function advanceCheckpoint(
  tx: Database,
  chainId: number,
  advance: CheckpointAdvance,
): Promise<void> {
  await tx
    .update(chainCheckpoints)
    .set({
      lastIndexedBlock: advance.block,
      lastIndexedHash: advance.hash.toLowerCase(),
      lastIndexedTimestamp: advance.timestamp,
      headBlock: advance.head,
      finalizedBlock: advance.finalized,
      lastError: null,
      caughtUpAt: advance.caughtUp
        ? sql`coalesce(${chainCheckpoints.caughtUpAt}, now())`
        : chainCheckpoints.caughtUpAt,
      updatedAt: sql`now()`,
    })
    .where(eq(chainCheckpoints.chainId, chainId));
}

/** Records the head when there is nothing new to index, and marks the chain caught up. */
export async function recordIdleHead(db: Database, chainId: number, head: bigint): Promise<void> {
  await db
    .update(chainCheckpoints)
    .set({
      headBlock: head,
      lastError: null,
      caughtUpAt: sql`coalesce(${chainCheckpoints.caughtUpAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(chainCheckpoints.chainId, chainId));
}

/** Keeps the last error visible to operators (`_meta.hasIndexingErrors`) until indexing succeeds. */
export async function recordChainError(
  db: Database,
  chainId: number,
  message: string,
): Promise<void> {
  await db
    .update(chainCheckpoints)
    .set({ lastError: message.slice(0, 2000), lastErrorAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(chainCheckpoints.chainId, chainId));
}

/** Moves the checkpoint back to a block a reorg left canonical (in the rollback's transaction). */
export async function rewindCheckpoint(
  tx: Database,
  chainId: number,
  to: { block: bigint; hash: string; timestamp: bigint | null },
): Promise<void> {
  await tx
    .update(chainCheckpoints)
    .set({
      lastIndexedBlock: to.block,
      lastIndexedHash: to.hash.toLowerCase(),
      lastIndexedTimestamp: to.timestamp,
      updatedAt: sql`now()`,
    })
    .where(eq(chainCheckpoints.chainId, chainId));
}
