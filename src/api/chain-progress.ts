import { asc } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type ChainCheckpointRow, chainCheckpoints } from "../db/schema/index.ts";

/** Every indexed chain's checkpoint, by chain id. */
export function readChainCheckpoints(db: Database): Promise<ChainCheckpointRow[]> {
  return db.select().from(chainCheckpoints).orderBy(asc(chainCheckpoints.chainId));
}

/** The last fully indexed block, or null while nothing has been indexed yet. */
export function latestIndexedBlock(checkpoint: ChainCheckpointRow) {
  if (checkpoint.lastIndexedBlock < checkpoint.startBlock) return null;
  return {
    number: checkpoint.lastIndexedBlock,
    hash: checkpoint.lastIndexedHash,
    timestamp: checkpoint.lastIndexedTimestamp,
  };
}

/** How far one chain got, as JSON for `/ready` (block numbers fit JSON numbers exactly). */
export interface ChainProgress {
  chainId: number;
  name: string;
  network: string;
  caughtUp: boolean;
  startBlock: number;
  lastIndexedBlock: number;
  headBlock: number | null;
  /** Blocks left to the last seen head; null before the head is known. */
  remainingBlocks: number | null;
  /** Share of the range start..head indexed, 0 to 1; null before the head is known. */
  progress: number | null;
  lastError: string | null;
}

/** Share of the blocks start..head that are indexed, 0 to 1. */
function indexedShare(start: number, indexed: number, head: number): number {
  const span = head - start + 1;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (indexed - start + 1) / span));
}

/** Summarises a checkpoint for people watching a backfill. */
export function describeChainProgress(checkpoint: ChainCheckpointRow): ChainProgress {
  const start = Number(checkpoint.startBlock);
  const indexed = Number(checkpoint.lastIndexedBlock);
  const head = checkpoint.headBlock === null ? null : Number(checkpoint.headBlock);
  return {
    chainId: checkpoint.chainId,
    name: checkpoint.chainName,
    network: checkpoint.network,
    caughtUp: checkpoint.caughtUpAt !== null,
    startBlock: start,
    lastIndexedBlock: indexed,
    headBlock: head,
    remainingBlocks: head === null ? null : Math.max(0, head - indexed),
    progress: head === null ? null : indexedShare(start, indexed, head),
    lastError: checkpoint.lastError,
  };
}
