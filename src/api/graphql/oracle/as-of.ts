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
 * Resolves `atBlock`: by default the chain's last indexed final block. Every event up to it is
 * stored and no reorg can change it, so an answer as of a block at or below it never changes;
 * above it (not indexed yet, or indexed but still open to a reorg) it could, and is refused.
 */
export async function resolveAsOfBlock(
  db: Database,
  chainId: number,
  atBlockArg: unknown,
): Promise<AsOfBlock> {
  const [checkpoint] = await db
    .select({
      start: chainCheckpoints.startBlock,
      indexed: chainCheckpoints.lastIndexedBlock,
      finalized: chainCheckpoints.finalizedBlock,
    })
    .from(chainCheckpoints)
    .where(eq(chainCheckpoints.chainId, chainId));
  // An index written before the undo journal existed never went past the final block.
  const tip =
    checkpoint?.finalized != null && checkpoint.finalized < checkpoint.indexed
      ? checkpoint.finalized
      : checkpoint?.indexed;
  if (!checkpoint || tip === undefined || tip < checkpoint.start) {
    throw new ChainNotIndexedError("chainId", `chain ${chainId} has no indexed final block yet`);
  }
  const atBlock =
    atBlockArg === null || atBlockArg === undefined ? tip : nonNegativeInt64(atBlockArg, "atBlock");
  if (atBlock > tip) {
    throw new BlockNotIndexedError(
      "atBlock",
      `${atBlock} is above the last indexed final block ${tip} of chain ${chainId}`,
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
