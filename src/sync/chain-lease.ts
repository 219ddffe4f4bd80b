import type postgres from "postgres";
import type { Database } from "../db/client.ts";
import { setIdleSessionTimeout } from "../db/process-presence.ts";

/** Held while a process syncs a chain; other processes skip that chain meanwhile. */
export interface ChainLease {
  /**
   * The server process id of a former holder's open transaction on the chain's checkpoint that
   * taking this lease ended (see endFormerHolderTransaction), if there was one.
   */
  endedFormerHolder?: number;
  /**
   * False once the lease's session was found gone (its heartbeat failed: Postgres restarted, or
   * ended the session for this process's silence). The lock went with the session: whoever keeps
   * the lease object must take the chain again.
   */
  readonly held: boolean;
  release(): Promise<void>;
}

const noLease: ChainLease = { held: true, release: async () => {} };

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
  let heartbeat: NodeJS.Timeout | undefined;
  const release = async () => {
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
  };
  let locked: boolean;
  try {
    const [row] = await connection<{ locked: boolean }[]>`
      select pg_try_advisory_lock(hashtext(current_schema() || ':' || ${key})) as locked`;
    locked = row?.locked === true;
  } catch (error) {
    connection.release();
    throw error;
  }
  if (!locked) {
    connection.release();
    return null;
  }
  try {
    await setIdleSessionTimeout(connection, silenceMs);
    const endedFormerHolder = await endFormerHolderTransaction(connection, chainId, silenceMs);
    // Unanswered (the server ended the session): the lease is gone.
    let held = true;
    heartbeat = setInterval(() => {
      connection`select 1`.catch(() => {
        held = false;
        clearInterval(heartbeat);
      });
    }, silenceMs / 5);
    heartbeat.unref();
    return {
      endedFormerHolder,
      get held() {
        return held;
      },
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Ends the transaction a former holder of the lease left open on the chain's checkpoint row: a
 * holder frozen mid-batch keeps that row locked (its update not committed) after its lease
 * went, and may be frozen mid-statement, where no idle timeout of the server applies. Whoever
 * holds the lease now is the chain's only rightful writer, so that transaction is dead work:
 * ending it frees the row (and the phase row a reset must lock). The locker is found by the
 * row's `xmax`, the id of the transaction that locked or updated it, if still running, and is
 * ended only if it has been waiting on its client for `silenceMs` or more: a batch that is
 * running (a re-use of archived logs, which needs no lease, or a long statement) is left alone.
 *
 * @returns the ended transaction's server process id, if there was one.
 */
async function endFormerHolderTransaction(
  connection: postgres.ReservedSql,
  chainId: number,
  silenceMs: number,
): Promise<number | undefined> {
  const [ended] = await connection<{ pid: number }[]>`
    select a.pid, pg_terminate_backend(a.pid) as terminated
    from chain_checkpoints c
    join pg_stat_activity a on a.backend_xid = c.xmax
    where c.chain_id = ${chainId} and a.pid <> pg_backend_pid()
      and a.wait_event = 'ClientRead'
      and a.state_change < now() - make_interval(secs => ${silenceMs / 1000})`;
  return ended?.pid;
}
