import type postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

/** The indexes the workers of commits 0b8d4b9 to 7dda95a dropped during a first backfill. */
const API_INDEXES = [
  "events_chain_name_idx",
  "events_contract_idx",
  "sessions_owner_idx",
  "sessions_created_idx",
  "tasks_status_idx",
  "tasks_global_idx",
  "tasks_queued_idx",
  "tasks_queued_desc_idx",
  "tasks_queued_at_idx",
  "tasks_ended_at_idx",
];

const indexDefinitions = async (sql: postgres.Sql) =>
  Object.fromEntries(
    (
      await sql<{ indexname: string; indexdef: string }[]>`
        select indexname, indexdef from pg_indexes
        where schemaname = 'public' and indexname = any(${API_INDEXES})`
    ).map((row) => [row.indexname, row.indexdef]),
  );

describe("migration 0010", () => {
  let database: TestDatabase | undefined;
  afterAll(() => database?.drop());

  it("builds again the API indexes a deferring worker dropped, as the schema defines them", async () => {
    database = await createTestDatabase("restore_indexes");
    const sql = database.handle.postgres as postgres.Sql;
    const defined = await indexDefinitions(sql);
    expect(Object.keys(defined).sort()).toEqual([...API_INDEXES].sort());

    // A database as such a worker left it: the indexes gone, its bookkeeping table there, and
    // migration 0010 not applied yet.
    for (const name of API_INDEXES) await sql.unsafe(`drop index "${name}"`);
    await sql`create table deferred_indexes (index_name text primary key, definition text)`;
    await sql`delete from drizzle.__drizzle_migrations
      where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`;

    await database.handle.migrate();
    expect(await indexDefinitions(sql)).toEqual(defined);
    const [table] = await sql`select to_regclass('public.deferred_indexes') as name`;
    expect(table?.name).toBeNull();
  });
});
