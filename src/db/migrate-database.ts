import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client.ts";

/** Arbitrary, fixed: the advisory lock id that serialises migrations across processes. */
const MIGRATION_LOCK_ID = 7_302_114_551;

/**
 * Applies the committed migrations. On Postgres a session advisory lock makes concurrent starts
 * (several workers at once) wait for each other instead of racing on the same DDL.
 */
export async function migrateDatabase(database: DatabaseHandle): Promise<void> {
  if (database.driver === "pglite") {
    await database.migrate();
    return;
  }
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
    await database.migrate();
  });
}
