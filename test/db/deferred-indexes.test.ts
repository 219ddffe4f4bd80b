import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import {
  DEFERRABLE_INDEXES,
  deferIndexes,
  hasDeferredIndexes,
  restoreDeferredIndexes,
} from "../../src/db/deferred-indexes.ts";
import { deferredIndexes } from "../../src/db/schema/index.ts";
import { deferrableIndexDefinitions } from "../fixtures/index-definitions.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

let database: TestDatabase;
const ALL = [...DEFERRABLE_INDEXES].sort();

beforeAll(async () => {
  database = await createTestDatabase("deferred_indexes");
});
afterAll(() => database?.drop());

describe("deferred indexes", () => {
  it("are dropped with their definitions recorded, and built again as they were by another process", async () => {
    const { db } = database.handle;
    const original = await deferrableIndexDefinitions(database.handle);
    expect(Object.keys(original).sort()).toEqual([...DEFERRABLE_INDEXES].sort());

    expect((await deferIndexes(db)).sort()).toEqual([...DEFERRABLE_INDEXES].sort());
    expect(await deferrableIndexDefinitions(database.handle)).toEqual({});
    const recorded = await db.select().from(deferredIndexes);
    expect(Object.fromEntries(recorded.map((row) => [row.indexName, row.definition]))).toEqual(
      original,
    );
    // Deferring again finds nothing to drop and keeps the record.
    expect(await deferIndexes(db)).toEqual([]);
    expect(await hasDeferredIndexes(db)).toBe(true);

    // The process that dropped them is gone: another builds them from the record alone.
    const other = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
    try {
      expect((await restoreDeferredIndexes(other.db)).sort()).toEqual(
        [...DEFERRABLE_INDEXES].sort(),
      );
    } finally {
      await other.close();
    }
    expect(await deferrableIndexDefinitions(database.handle)).toEqual(original);
    expect(await hasDeferredIndexes(db)).toBe(false);
    expect(await restoreDeferredIndexes(db)).toEqual([]);
  });

  it("leaves the index of a table a long read holds, rather than stall every reader behind it", async () => {
    const { db } = database.handle;
    const sql = database.handle.postgres as NonNullable<DatabaseHandle["postgres"]>;
    const reader = await sql.reserve();
    try {
      // An export's open cursor over `events`.
      await reader`begin`;
      await reader`select count(*) from events`;
      const dropped = await deferIndexes(db);
      expect(dropped.sort()).toEqual(ALL.filter((name) => !name.startsWith("events_")));
    } finally {
      await reader`rollback`;
      reader.release();
    }
    expect((await deferIndexes(db)).sort()).toEqual([
      "events_chain_name_idx",
      "events_contract_idx",
    ]);
    await restoreDeferredIndexes(db);
  });

  it("keeps an index made meanwhile (by a migration) as it is, and drops nothing it may not", async () => {
    const { db } = database.handle;
    const sql = database.handle.postgres as NonNullable<DatabaseHandle["postgres"]>;
    expect(await deferIndexes(db, async () => false)).toEqual([]);
    expect(await hasDeferredIndexes(db)).toBe(false);

    await deferIndexes(db);
    await sql`create index sessions_owner_idx on sessions (owner)`;
    await restoreDeferredIndexes(db);
    const definitions = await deferrableIndexDefinitions(database.handle);
    expect(definitions.sessions_owner_idx).toContain("(owner)");
    expect(Object.keys(definitions)).toHaveLength(DEFERRABLE_INDEXES.length);
  });
});
