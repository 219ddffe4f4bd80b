import { and, eq, gt, lte } from "drizzle-orm";
import type { PublicClient } from "viem";
import { InvalidRpcResponseError } from "../chain/errors.ts";
import { fetchBlockHeader } from "../chain/fetch-logs.ts";
import { lockCheckpoint, rewindCheckpoint } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import { blockHashes } from "../db/schema/index.ts";
import { type IndexedBatch, readIndexedBatches, undoBatchesAbove } from "../db/undo-journal.ts";
import { lockPhaseForWrite } from "../phase/lock-phase-for-write.ts";
import { CheckpointMovedError, PhaseArchivedError, ReorgBeyondFinalityError } from "./errors.ts";
import { notifyRolledBack } from "./notify-indexed-range.ts";

/** Where the index and the canonical chain part. */
export interface ForkPoint {
  /** The newest recorded batch whose last block is still canonical: the index rolls back to it. */
  batch: IndexedBatch;
  /** The newest indexed block known to be canonical (≥ the batch's end): orphans start above. */
  block: bigint;
}

/**
 * Finds the fork point of a reorg: the newest recorded batch whose last block still has the hash
 * it was indexed with, and within the batch after it the newest recorded block hash that is still
 * canonical. Null when no recorded batch is canonical any more. One JSON-RPC batch per step.
 */
export async function findForkPoint(
  db: Database,
  client: PublicClient,
  chainId: number,
): Promise<ForkPoint | null> {
  const batches = await readIndexedBatches(db, chainId);
  const canonical = await Promise.all(batches.map((b) => fetchBlockHeader(client, b.toBlock)));
  if (canonical.includes(null)) {
    throw new InvalidRpcResponseError(
      `chain ${chainId}: the provider lacks indexed blocks, so it cannot tell where a reorg forked`,
    );
  }
  const index = batches.findIndex(
    (batch, i) => canonical[i]?.hash.toLowerCase() === batch.toHash.toLowerCase(),
  );
  const batch = batches[index];
  if (!batch) return null;
  const orphaned = batches[index - 1];
  if (!orphaned) return { batch, block: batch.toBlock };

  const recorded = await db
    .select()
    .from(blockHashes)
    .where(
      and(
        eq(blockHashes.chainId, chainId),
        gt(blockHashes.blockNumber, batch.toBlock),
        lte(blockHashes.blockNumber, orphaned.toBlock),
      ),
    );
  const headers = await Promise.all(
    recorded.map((row) => fetchBlockHeader(client, row.blockNumber)),
  );
  let block = batch.toBlock;
  recorded.forEach((row, i) => {
    const same = headers[i]?.hash.toLowerCase() === row.hash.toLowerCase();
    if (same && row.blockNumber > block) block = row.blockNumber;
  });
  return { batch, block };
}

/** What a rollback did: for the logs and metrics. */
export interface RolledBackReorg {
  chainId: number;
  /** The newest block still canonical: the first orphaned block is the next one. */
  forkBlock: bigint;
  /** Where the checkpoint was (orphaned) and where it is now (re-indexed from the next block). */
  from: bigint;
  to: bigint;
}

export interface RollBackOptions {
  chainId: number;
  /** The block the checkpoint must still be at: another writer's move aborts the rollback. */
  checkpointBlock: bigint;
  /** The chain's final block now: a fork at or below it is refused. */
  finalized: bigint;
  /** The indexed hash of the checkpoint block, for the operator-facing error. */
  checkpointHash: string;
}

/**
 * Handles a reorg below the checkpoint: finds the fork point and, in one transaction, undoes
 * every batch above it and moves the checkpoint back there; the orphaned range is then indexed
 * again from the canonical chain. A fork at or below the final block changes nothing and stops
 * the chain.
 *
 * @throws ReorgBeyondFinalityError when the orphaned blocks reach a final one.
 */
export async function rollBackReorg(
  db: Database,
  client: PublicClient,
  options: RollBackOptions,
): Promise<RolledBackReorg> {
  const { chainId, checkpointBlock, checkpointHash, finalized } = options;
  const fork = await findForkPoint(db, client, chainId);
  if (!fork || fork.block < finalized) {
    const canonical = await fetchBlockHeader(client, checkpointBlock);
    throw new ReorgBeyondFinalityError(
      chainId,
      checkpointBlock,
      checkpointHash,
      canonical?.hash ?? null,
    );
  }
  const target = fork.batch;
  return db.transaction(async (tx) => {
    if ((await lockPhaseForWrite(tx)) === "archived") {
      throw new PhaseArchivedError(`chain ${chainId}: the phase was archived by a reset`);
    }
    const checkpoint = await lockCheckpoint(tx, chainId);
    if (checkpoint?.lastIndexedBlock !== checkpointBlock) {
      throw new CheckpointMovedError(
        `chain ${chainId}: checkpoint moved from ${checkpointBlock} while a reorg was handled`,
      );
    }
    await undoBatchesAbove(tx, chainId, target.toBlock);
    const [anchor] = await tx
      .select()
      .from(blockHashes)
      .where(and(eq(blockHashes.chainId, chainId), eq(blockHashes.blockNumber, target.toBlock)));
    await rewindCheckpoint(tx, chainId, {
      block: target.toBlock,
      hash: target.toHash,
      timestamp: anchor?.timestamp ?? null,
    });
    await notifyRolledBack(tx, {
      chainId,
      to: target.toBlock,
      head: checkpoint.headBlock ?? checkpointBlock,
      caughtUp: checkpoint.caughtUpAt !== null,
    });
    return { chainId, forkBlock: fork.block, from: checkpointBlock, to: target.toBlock };
  });
}
