import { count, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { fetchedIntervals, rawBlocks, rawLogs } from "../../db/control-schema/index.ts";
import { lockChainStore } from "./store-fetched-span.ts";

/** What clearing a chain's store removed. */
export interface ClearedChainStore {
  chainId: number;
  logs: number;
  blocks: number;
  intervals: number;
}

/**
 * Forgets everything the sync store holds for a chain: its logs, headers and fetched intervals,
 * in one transaction under the chain's store lock, which every store write holds when it commits,
 * so a fetch job running meanwhile either committed before (and is cleared) or commits after (as
 * if it had written into an empty store). The phases' own tables are not touched; the workers
 * fetch the chain's final blocks again as the projector needs them. The way out of a StoreChainMismatchError (a store filled from another chain with
 * the same id: a devnet restarted with a kept database, a testnet started over).
 *
 * @example
 * const cleared = await clearChainStore(db, 31337); // { chainId: 31337, logs: 5120, blocks: 40, intervals: 9 }
 */
export async function clearChainStore(db: Database, chainId: number): Promise<ClearedChainStore> {
  return db.transaction(async (tx) => {
    await lockChainStore(tx, chainId);
    // Counted before deleting, under the lock no store writer commits past: exact, and no row travels.
    const removed = async (table: typeof rawLogs | typeof rawBlocks | typeof fetchedIntervals) => {
      const [row] = await tx.select({ n: count() }).from(table).where(eq(table.chainId, chainId));
      await tx.delete(table).where(eq(table.chainId, chainId));
      return row?.n ?? 0;
    };
    return {
      chainId,
      logs: await removed(rawLogs),
      blocks: await removed(rawBlocks),
      intervals: await removed(fetchedIntervals),
    };
  });
}
