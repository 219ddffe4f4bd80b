import type postgres from "postgres";
import type { Database } from "../db/client.ts";

/** Held while a process syncs a chain; other processes skip that chain meanwhile. */
export interface ChainLease {
  release(): Promise<void>;
}

const noLease: ChainLease = { release: async () => {} };

/**
 * Takes the right to sync `chainId` in the database's current schema, or returns null when
 * another process holds it. Correctness never depended on it (the checkpoint row lock decides
 * which writer applies a range), but without it a second worker would fetch and decode the very
 * ranges the first one is writing and then throw its work away: with it, an extra worker waits
 * for its turn at no cost. A session advisory lock on a connection of its own: a process that
 * dies frees it with its connection. The embedded database has one process: always granted.
 */
export async function tryLeaseChain(db: Database, chainId: number): Promise<ChainLease | null> {
  const client = (db as unknown as { $client?: Partial<postgres.Sql> }).$client;
  if (typeof client?.reserve !== "function") return noLease;
  const connection = await (client as postgres.Sql).reserve();
  const key = `chain-sync:${chainId}`;
  try {
    const [row] = await connection<{ locked: boolean }[]>`
      select pg_try_advisory_lock(hashtext(current_schema() || ':' || ${key})) as locked`;
    if (!row?.locked) {
      connection.release();
      return null;
    }
  } catch (error) {
    connection.release();
    throw error;
  }
  return {
    release: async () => {
      try {
        await connection`select pg_advisory_unlock(hashtext(current_schema() || ':' || ${key}))`;
      } finally {
        connection.release();
      }
    },
  };
}
