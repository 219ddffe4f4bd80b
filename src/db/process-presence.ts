import { randomBytes } from "node:crypto";
import type postgres from "postgres";

/**
 * A worker process's presence in Postgres, and the sweep that ends the sessions of a process
 * that lost it.
 *
 * Every connection of a worker process carries one application name, `cortensor-worker:<id>`.
 * One more session, `<name>:presence`, speaks every PRESENCE_SILENCE_MS / 5 and asks the server
 * to end it after PRESENCE_SILENCE_MS of silence (`idle_session_timeout`, PostgreSQL 14+). A
 * process that freezes (SIGSTOP, a paused VM or container) keeps its sockets, and its kernel
 * answers keepalive probes; it may be frozen in the middle of a statement, where no idle limit
 * of the server applies, with its locks held: the sync store's, a batch's rows. Its presence goes
 * silent and the server ends it; then the next sweep by any live worker ends every other session
 * of that name. A process that thaws finds its connections closed: its queries fail, it retries
 * on new connections (a new presence first), and the checkpoint refuses whatever batch it had
 * half written.
 */

/** How long a worker may stay silent before its sessions are ended. */
export const PRESENCE_SILENCE_MS = 15_000;

const NAME_PREFIX = "cortensor-worker:";
const PRESENCE_SUFFIX = ":presence";

/** A new worker application name: unique to this process, short of Postgres' 63 characters. */
export function newWorkerApplicationName(): string {
  return `${NAME_PREFIX}${randomBytes(8).toString("hex")}`;
}

export interface PresenceOptions {
  /** See PRESENCE_SILENCE_MS (the default). */
  silenceMs?: number;
  /** Told the server process ids of a silent process's sessions this process ended. */
  onSwept?: (pids: number[]) => void;
  /** Told, once, when a sweep failed (the role may not end other sessions). */
  onSweepFailed?: (error: unknown) => void;
  /** Told when the open presence session failed (this process was silent): it is made again. */
  onLost?: (error: unknown) => void;
}

/** Keeps a process's presence and sweeps; stop() ends both. */
export interface Presence {
  stop(): Promise<void>;
}

/**
 * Opens `applicationName`'s presence session on `client` (whose connections carry that name)
 * and keeps it, sweeping the sessions of silent workers each time it speaks.
 *
 * @example
 * const presence = startPresence(handle.postgres, handle.applicationName, { onSwept });
 * await presence.stop();
 */
export function startPresence(
  client: postgres.Sql,
  applicationName: string,
  { silenceMs = PRESENCE_SILENCE_MS, onSwept, onLost, onSweepFailed }: PresenceOptions = {},
): Presence {
  let session: postgres.ReservedSql | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const open = async () => {
    const reserved = await client.reserve();
    try {
      await reserved`select set_config('application_name', ${applicationName + PRESENCE_SUFFIX}, false)`;
      await setIdleSessionTimeout(reserved, silenceMs);
    } catch (error) {
      reserved.release();
      throw error;
    }
    return reserved;
  };

  let sweepFailed = false;
  const speak = async () => {
    try {
      session ??= await open();
      await session`select 1`;
    } catch (error) {
      // The presence was ended (this process was silent) or the server is away: made anew next
      // time, and reported once, not at every failed attempt.
      if (!session) return;
      session.release();
      session = undefined;
      onLost?.(error);
      return;
    }
    try {
      const swept = await sweepSilentWorkers(session, silenceMs, 2 * silenceMs);
      if (swept.length > 0) onSwept?.(swept);
    } catch (error) {
      // A role that may not end other sessions: the presence still counts; said once.
      if (!sweepFailed) onSweepFailed?.(error);
      sweepFailed = true;
    }
  };

  let busy = false;
  const tick = () => {
    // One call at a time: a call that hangs (a cut-off server) is not queued behind.
    if (busy || stopped) return;
    busy = true;
    running = speak().finally(() => {
      busy = false;
    });
  };
  tick();
  const timer = setInterval(tick, silenceMs / 5);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      const last = session;
      session = undefined;
      if (!last) return;
      await setIdleSessionTimeout(last, 0).catch(() => {});
      await last`select set_config('application_name', ${applicationName}, false)`.catch(() => {});
      last.release();
    },
  };
}

/**
 * Asks the server to end this session after `ms` without a word from its client, where the
 * server can (`idle_session_timeout`, PostgreSQL 14+); 0 lifts it.
 */
export async function setIdleSessionTimeout(
  session: postgres.ReservedSql,
  ms: number,
): Promise<void> {
  await session`
    select set_config('idle_session_timeout', ${String(Math.round(ms))}, false)
    where current_setting('server_version_num')::int >= 140000`;
}

/**
 * Ends every session in this database of a worker whose presence is gone that has been waiting
 * on its client for `silenceMs` or more (idle, or stopped mid-statement: a frozen client). Other
 * databases' deployments on the same server are theirs to sweep. A session still running
 * a statement is left alone, and so is every session of a process younger than `graceMs` (a
 * worker that has just started opens its presence first, but not before its first connections).
 *
 * @returns the server process ids ended.
 */
async function sweepSilentWorkers(
  session: postgres.ReservedSql,
  silenceMs: number,
  graceMs: number,
): Promise<number[]> {
  const rows = await session<{ pid: number }[]>`
    select s.pid, pg_terminate_backend(s.pid) as ended
    from pg_stat_activity s
    where s.datname = current_database()
      and s.application_name like ${`${NAME_PREFIX}%`}
      and s.application_name not like ${`%${PRESENCE_SUFFIX}`}
      and s.backend_start < now() - make_interval(secs => ${graceMs / 1000})
      and s.wait_event = 'ClientRead'
      and s.state_change < now() - make_interval(secs => ${silenceMs / 1000})
      and not exists (
        select 1 from pg_stat_activity p
        where p.datname = s.datname and p.application_name = s.application_name || ${PRESENCE_SUFFIX})`;
  return rows.map((row) => row.pid);
}
