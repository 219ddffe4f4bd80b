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
  /** Ends the transaction (nothing was written) and gives the connection back; idempotent. */
  close(): Promise<void>;
}

const BEGIN = "begin isolation level repeatable read read only";
/**
 * An export is long by nature; each FETCH is short, but the statement timeout an API process may
 * set would otherwise cancel the cursor's first, planning-heavy fetch of a large export.
 */
const NO_STATEMENT_TIMEOUT = "set local statement_timeout = 0";

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= action();
    return done;
  };
}

/** Postgres: a connection reserved from the pool for the whole export. */
async function beginPostgres(client: postgres.Sql): Promise<SnapshotSession> {
  const connection = await client.reserve();
  try {
    await connection.unsafe(BEGIN);
    await connection.unsafe(NO_STATEMENT_TIMEOUT);
  } catch (error) {
    connection.release();
    throw error;
  }
  return {
    query: (text, params = []) =>
      connection.unsafe(text, params as postgres.ParameterOrJSON<never>[]).values(),
    close: once(async () => {
      try {
        await connection.unsafe("rollback");
      } finally {
        connection.release();
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
  if (database.postgres) return beginPostgres(database.postgres);
  if (database.pglite) return beginPglite(database.pglite);
  throw new Error(`database handle of driver "${database.driver}" exposes no client`);
}
