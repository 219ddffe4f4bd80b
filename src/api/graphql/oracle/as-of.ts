import { and, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { blockHashes, chainCheckpoints } from "../../../db/schema/index.ts";
import { BlockNotIndexedError, ChainNotIndexedError } from "../../errors.ts";
import { nonNegativeInt64 } from "../aggregates/arguments.ts";

/** The block an oracle answer is computed as of. */
export interface AsOfBlock {
  /** Facts recorded in blocks after this one are ignored. */
  atBlock: bigint;
  /** The latest recorded block at or below atBlock: what the answer reflects. */
  block: { number: bigint; hash: string; timestamp: bigint } | null;
}

/**
 * Resolves `atBlock`: by default the chain's last indexed block. The indexer only indexes final
 * blocks and stores every event up to its checkpoint, so an answer as of a block at or below it
 * never changes; above it, it could, and is refused.
 */
export async function resolveAsOfBlock(
  db: Database,
  chainId: number,
  atBlockArg: unknown,
): Promise<AsOfBlock> {
  const [checkpoint] = await db
    .select({ start: chainCheckpoints.startBlock, tip: chainCheckpoints.lastIndexedBlock })
    .from(chainCheckpoints)
    .where(eq(chainCheckpoints.chainId, chainId));
  if (!checkpoint || checkpoint.tip < checkpoint.start) {
    throw new ChainNotIndexedError("chainId", `chain ${chainId} has no indexed block yet`);
  }
  const atBlock =
    atBlockArg === null || atBlockArg === undefined
      ? checkpoint.tip
      : nonNegativeInt64(atBlockArg, "atBlock");
  if (atBlock > checkpoint.tip) {
    throw new BlockNotIndexedError(
      "atBlock",
      `${atBlock} is above the last indexed block ${checkpoint.tip} of chain ${chainId}`,
    );
  }
  const [block] = await db
    .select({
      number: blockHashes.blockNumber,
      hash: blockHashes.hash,
      timestamp: blockHashes.timestamp,
    })
    .from(blockHashes)
    .where(and(eq(blockHashes.chainId, chainId), lte(blockHashes.blockNumber, atBlock)))
    .orderBy(desc(blockHashes.blockNumber))
    .limit(1);
  return { atBlock, block: block ?? null };
}
