import type { Readable } from "node:stream";
import type { PGlite } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { DatabaseHandle } from "../db/client.ts";

/**
 * One REPEATABLE READ, read-only transaction on a connection of its own: every statement of an
 * export sees the same snapshot, taken at its first statement. Rows come back as arrays in select
 * order, the same with both drivers.
 */
export interface SnapshotSession {
  query(text: string, params?: unknown[]): Promise<unknown[][]>;
  /**
   * Runs `COPY … TO STDOUT` and streams its bytes; the socket is read only as fast as the stream
   * is. Postgres only: undefined on PGlite.
   */
  copyOut?(statement: string): Promise<Readable>;
  /**
   * Ends the transaction (nothing was written) and frees the connection; idempotent. A COPY still
   * streaming is cut off with its connection: Postgres ends the statement and the transaction.
   */
  close(): Promise<void>;
}

const BEGIN = "begin isolation level repeatable read read only";
/**
 * An export is long by nature: the statement timeout an API process may set would otherwise cancel
 * a COPY, or the first, planning-heavy fetch of a cursor, of a large export.
 */
const NO_STATEMENT_TIMEOUT = "set local statement_timeout = 0";
/** Between two reads a cursor's transaction waits for its reader, as long as the reader takes. */
const NO_IDLE_TIMEOUT = "set local idle_in_transaction_session_timeout = 0";
/**
 * A COPY's plan may be parallel where a cursor's never is, and a parallel aggregate may combine a
 * group's rows out of the order the session history relies on (see kinds/tasks.ts). Exports run
 * on one backend, as they did through cursors.
 */
const NO_PARALLEL_PLANS = "set local max_parallel_workers_per_gather = 0";

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= action();
    return done;
  };
}

/**
 * Postgres: a connection of its own, outside the pool. An abandoned COPY cannot be stopped on a
 * shared connection without a race (a cancel request may land on the next statement); on its own
 * connection the backend is terminated (`pg_terminate_backend` from the pool, which works even
 * while it waits for a client that stopped reading) and the connection dropped.
 */
async function beginPostgres(
  connect: () => postgres.Sql,
  pool: postgres.Sql | undefined,
): Promise<SnapshotSession> {
  const connection = connect();
  let copying: Readable | undefined;
  let backendPid: number;
  try {
    await connection.unsafe(BEGIN);
    await connection.unsafe(NO_STATEMENT_TIMEOUT);
    await connection.unsafe(NO_IDLE_TIMEOUT);
    await connection.unsafe(NO_PARALLEL_PLANS);
    const [row] = await connection.unsafe("select pg_backend_pid() as pid");
    backendPid = Number(row?.pid);
  } catch (error) {
    await connection.end({ timeout: 0 });
    throw error;
  }
  /** Stops a COPY that was not read to its end; its data is discarded until the socket closes. */
  async function cutOffCopy(stream: Readable): Promise<void> {
    stream.resume();
    // Best effort: should the pool fail to terminate it, the backend still ends at its next write
    // to the dropped connection; an abandoned export must not fail its caller.
    await pool?.unsafe("select pg_terminate_backend($1)", [backendPid]).catch(() => {});
    await connection.end({ timeout: 0 });
  }
  return {
    query: (text, params = []) =>
      connection.unsafe(text, params as postgres.ParameterOrJSON<never>[]).values(),
    async copyOut(statement) {
      copying = await connection.unsafe(statement).readable();
      // Errors reach the reader; this keeps one after the reader left (the connection cut off
      // under the stream) from becoming an uncaught exception.
      copying.on("error", () => {});
      return copying;
    },
    close: once(async () => {
      if (copying && !copying.readableEnded && !copying.destroyed) return cutOffCopy(copying);
      try {
        await connection.unsafe("rollback");
      } finally {
        await connection.end({ timeout: 0 });
      }
    }),
  };
}

/**
 * PGlite: its single connection inside `transaction()`, which keeps every other statement of the
 * process out until the export closes the session.
 */
function beginPglite(pglite: PGlite): Promise<SnapshotSession> {
  return new Promise((resolve, reject) => {
    let release = () => {};
    const released = new Promise<void>((done) => {
      release = done;
    });
    let opened = false;
    const finished = pglite.transaction(async (tx) => {
      await tx.exec("set transaction isolation level repeatable read, read only");
      opened = true;
      resolve({
        query: async (text, params) =>
          (await tx.query<unknown[]>(text, params, { rowMode: "array" })).rows,
        close: once(async () => {
          release();
          await finished.catch(() => {});
        }),
      });
      await released;
      if (!tx.closed) await tx.rollback();
    });
    finished.catch((error: unknown) => {
      if (!opened) reject(error);
    });
  });
}

/** Opens a snapshot session on whichever driver the handle has. */
export function beginSnapshotSession(database: DatabaseHandle): Promise<SnapshotSession> {
  if (database.openConnection) return beginPostgres(database.openConnection, database.postgres);
  if (database.pglite) return beginPglite(database.pglite);
  throw new Error(`database handle of driver "${database.driver}" exposes no client`);
}
