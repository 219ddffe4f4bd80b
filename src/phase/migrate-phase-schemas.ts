import type { DatabaseHandle } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate-database.ts";
import { listPhases } from "./phase-store.ts";

/**
 * Migrates the base handle's schema, then every other phase's schema (archived ones included), so
 * that an upgrade reaches all phases: each phase keeps its own migration journal, and a phase is
 * otherwise migrated only when a reset creates it. Migrations add tables and columns; no row of
 * an archived phase is changed, only derived tables filled.
 */
export async function migratePhaseSchemas(database: DatabaseHandle): Promise<void> {
  await migrateDatabase(database);
  if (!database.openSchema) return;
  for (const phase of await listPhases(database.db)) {
    if (phase.schemaName === database.schemaName) continue;
    // Two connections: migrateDatabase holds its lock on one while the migrator uses another.
    const handle = await database.openSchema(phase.schemaName, 2);
    try {
      await migrateDatabase(handle);
    } finally {
      await handle.close();
    }
  }
}
