import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "./client.ts";
import { buildMissingTaskHistories } from "./task-histories.ts";

/** Arbitrary, fixed: the advisory lock id that serialises migrations across processes. */
const MIGRATION_LOCK_ID = 7_302_114_551;

/**
 * Applies the committed migrations, then fills what a migration adds empty but derives from
 * existing rows (the task histories of an index that predates them). On Postgres a session
 * advisory lock makes concurrent starts (several workers at once) wait for each other instead of
 * racing on the same DDL, and the fill is one transaction: all of it or none. The handle needs
 * two connections on Postgres: the lock's and the migrator's.
 */
export async function migrateDatabase(database: DatabaseHandle): Promise<void> {
  const fillDerivedTables = async (db: Database) => {
    await buildMissingTaskHistories(db);
  };
  if (database.driver === "pglite") {
    await database.migrate();
    await fillDerivedTables(database.db);
    return;
  }
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
    await database.migrate();
    await fillDerivedTables(tx);
  });
}
