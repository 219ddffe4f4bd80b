import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  /** "postgres" with DATABASE_URL, "pglite" for the embedded default. */
  driver: "postgres" | "pglite";
  /**
   * Applies the committed drizzle-kit migrations: the control schema (`drizzle/control`), then the
   * domain tables (`drizzle/`) in this handle's schema.
   */
  migrate(): Promise<void>;
  /** The schema the domain tables are read from and written to (the phase's). */
  schemaName: string;
  /**
   * Opens another handle on the same database whose domain tables are those of `schemaName`
   * (another phase). Only Postgres can: the embedded database has one connection.
   */
  openSchema?(schemaName: string, maxConnections?: number): Promise<DatabaseHandle>;
  /** Runs a raw statement and returns its rows, the same shape for both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** The `application_name` its connections carry, when one was given (OpenDatabaseOptions). */
  applicationName?: string;
  /** The postgres.js client underneath (driver "postgres"): cursors, COPY, LISTEN. */
  postgres?: postgres.Sql;
  /**
   * A client of one connection outside the pool, with the pool's settings (driver "postgres"):
   * for a session that may have to be cut off mid-statement (an abandoned COPY), which only
   * closing its connection does without a race. The caller ends it.
   */
  openConnection?(): postgres.Sql;
  /** The PGlite instance underneath (driver "pglite"). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "../../drizzle");
const controlMigrationsFolder = join(migrationsFolder, "control");

/** The schema tables live in when no search_path is set. */
export const DEFAULT_SCHEMA = "public";

/**
 * Where drizzle records the applied migrations of a schema: `public` keeps drizzle's default, every
 * other phase schema keeps its own journal inside itself, so each phase migrates on its own.
 */
function migrationJournals(schemaName: string) {
  return {
    control: { migrationsFolder: controlMigrationsFolder, migrationsTable: "__control_migrations" },
    domain:
      schemaName === DEFAULT_SCHEMA
        ? { migrationsFolder }
        : { migrationsFolder, migrationsSchema: schemaName },
  };
}

export interface OpenDatabaseOptions {
  /** Postgres connection string; without it an embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
  /** The phase schema whose domain tables this handle uses (Postgres only; default `public`). */
  schemaName?: string;
  /** Postgres cancels any statement of this handle running longer (ms); unset or 0 = no limit. */
  statementTimeoutMs?: number;
  /** See FROZEN_TRANSACTION_TIMEOUT_MS (the default); 0 = no limit. */
  idleInTransactionTimeoutMs?: number;
  /** The `application_name` of every connection (a worker's: see process-presence.ts). */
  applicationName?: string;
}

/**
 * Asks Postgres to probe each of these connections after 10 s of silence, every 5 s, and to drop
 * it after 3 unanswered probes. A worker process that dies closes its sockets and Postgres frees
 * its chain leases (advisory locks), row locks and open transaction at once; a worker *machine*
 * that vanishes (power, network) closes nothing, and without these probes Postgres would hold
 * them for the operating system's default of over two hours, during which no other worker can
 * take its chains. With them: about 25 s. Ignored over a Unix socket, where a peer cannot vanish.
 */
const VANISHED_CLIENT_PROBES = {
  tcp_keepalives_idle: 10,
  tcp_keepalives_interval: 5,
  tcp_keepalives_count: 3,
};

/**
 * Postgres ends a session that has sat in an open transaction without a word for this long. A
 * *frozen* worker (SIGSTOP, a paused VM or container) answers keepalive probes from its kernel,
 * and would otherwise keep its batch's row locks (its chain's checkpoint, the phase row a reset
 * must lock) for as long as it stays frozen. No writer pauses inside a transaction for more than
 * a moment; exports, which wait for their readers, lift the limit for their own transaction
 * (export/snapshot-session.ts).
 */
export const FROZEN_TRANSACTION_TIMEOUT_MS = 20_000;

/**
 * Opens Postgres (postgres.js) when a URL is given, otherwise embedded PGlite in a local folder.
 * Both run the same Drizzle schema and migrations.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const schemaName = options.schemaName ?? DEFAULT_SCHEMA;
    const { databaseUrl } = options;
    const connect = (max: number) =>
      postgres(databaseUrl, {
        max,
        onnotice: () => {},
        types: { bigint: postgres.BigInt },
        connection: {
          ...VANISHED_CLIENT_PROBES,
          idle_in_transaction_session_timeout:
            options.idleInTransactionTimeoutMs ?? FROZEN_TRANSACTION_TIMEOUT_MS,
          ...(options.applicationName ? { application_name: options.applicationName } : {}),
          ...(schemaName === DEFAULT_SCHEMA ? {} : { search_path: schemaName }),
          ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
        },
      });
    const client = connect(options.maxConnections ?? 10);
    const db = drizzlePostgres({ client, schema }) as unknown as Database;
    const journals = migrationJournals(schemaName);
    return {
      db,
      driver: "postgres",
      schemaName,
      migrate: async () => {
        await migratePostgres(db as never, journals.control);
        await migratePostgres(db as never, journals.domain);
      },
      openSchema: (other, max) =>
        openDatabase({
          ...options,
          schemaName: other,
          maxConnections: max ?? options.maxConnections,
        }),
      rows: async <T>(query: SQL) => (await db.execute(query)) as unknown as T[],
      postgres: client,
      applicationName: options.applicationName,
      openConnection: () => connect(1),
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = resolve(options.dataDir ?? ".data", "pglite");
  mkdirSync(dirname(dataDir), { recursive: true });
  // int8 as bigint, as postgres.js does, so raw rows look the same with either driver.
  const client = await PGlite.create(dataDir, {
    parsers: { 20: (value: string) => BigInt(value) },
  });
  // Recorded for parity; PGlite runs in this thread without timer signals and cannot enforce it.
  if (options.statementTimeoutMs) {
    await client.exec(`SET statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`);
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  const journals = migrationJournals(DEFAULT_SCHEMA);
  return {
    db,
    driver: "pglite",
    schemaName: DEFAULT_SCHEMA,
    migrate: async () => {
      await migratePglite(db as never, journals.control);
      await migratePglite(db as never, journals.domain);
    },
    rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    pglite: client,
    close: () => client.close(),
  };
}
