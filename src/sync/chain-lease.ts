import type postgres from "postgres";
import type { Database } from "../db/client.ts";

/** Held while a process syncs a chain; other processes skip that chain meanwhile. */
export interface ChainLease {
  release(): Promise<void>;
}

const noLease: ChainLease = { release: async () => {} };

/**
 * How long a lease outlives its holder's silence. The holder's lease connection says something
 * every fifth of it; Postgres ends a session idle for longer (`idle_session_timeout`,
 * PostgreSQL 14 and later), which frees the lock. A process that dies or a machine that
 * vanishes frees its leases by itself (closed sockets, keepalive probes: db/client.ts), but a
 * *frozen* one (SIGSTOP, a paused VM or container) keeps its sockets, and its kernel answers
 * the probes: only its silence tells.
 */
export const LEASE_SILENCE_MS = 15_000;

export interface LeaseOptions {
  /** See LEASE_SILENCE_MS (the default). */
  silenceMs?: number;
}

/**
 * Takes the right to sync `chainId` in the database's current schema, or returns null when
 * another process holds it. Correctness never depended on it (the checkpoint row lock decides
 * which writer applies a range), but without it a second worker would fetch and decode the very
 * ranges the first one is writing and then throw its work away: with it, an extra worker waits
 * for its turn at no cost. A session advisory lock on a connection of its own: a process that
 * dies frees it with its connection, one that stops talking for LEASE_SILENCE_MS loses it. The
 * embedded database has one process: always granted.
 */
export async function tryLeaseChain(
  db: Database,
  chainId: number,
  { silenceMs = LEASE_SILENCE_MS }: LeaseOptions = {},
): Promise<ChainLease | null> {
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
    await setIdleSessionTimeout(connection, silenceMs);
  } catch (error) {
    connection.release();
    throw error;
  }
  // Unanswered (the server ended the session): the lease is gone; release() finds it so.
  const heartbeat = setInterval(() => {
    connection`select 1`.catch(() => clearInterval(heartbeat));
  }, silenceMs / 5);
  heartbeat.unref();
  return {
    release: async () => {
      clearInterval(heartbeat);
      try {
        await connection`select pg_advisory_unlock(hashtext(current_schema() || ':' || ${key}))`;
        // The connection goes back to the pool, whose idle connections must not time out.
        await setIdleSessionTimeout(connection, 0);
      } catch {
        // The session is gone (ended for its silence, or cut off), and its lock with it.
      } finally {
        connection.release();
      }
    },
  };
}

/** `idle_session_timeout` for this session, where the server has it (PostgreSQL 14+). */
async function setIdleSessionTimeout(connection: postgres.ReservedSql, ms: number): Promise<void> {
  await connection`
    select set_config('idle_session_timeout', ${String(Math.round(ms))}, false)
    where current_setting('server_version_num')::int >= 140000`;
}
