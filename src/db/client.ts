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
  /** Applies the committed drizzle-kit migrations. */
  migrate(): Promise<void>;
  /** Runs a raw statement and returns its rows, the same shape for both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** The postgres.js client underneath (driver "postgres"): cursors, COPY, LISTEN. */
  postgres?: postgres.Sql;
  /** The PGlite instance underneath (driver "pglite"). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export interface OpenDatabaseOptions {
  /** Postgres connection string; without it an embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
}

/**
 * Opens Postgres (postgres.js) when a URL is given, otherwise embedded PGlite in a local folder.
 * Both run the same Drizzle schema and migrations.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      types: { bigint: postgres.BigInt },
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Database;
    return {
      db,
      driver: "postgres",
      migrate: () => migratePostgres(db as never, { migrationsFolder }),
      rows: async <T>(query: SQL) => (await db.execute(query)) as unknown as T[],
      postgres: client,
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = resolve(options.dataDir ?? ".data", "pglite");
  mkdirSync(dirname(dataDir), { recursive: true });
  // int8 as bigint, as postgres.js does, so raw rows look the same with either driver.
  const client = await PGlite.create(dataDir, {
    parsers: { 20: (value: string) => BigInt(value) },
  });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    pglite: client,
    close: () => client.close(),
  };
}
