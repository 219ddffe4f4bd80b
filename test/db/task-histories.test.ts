import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "../../src/db/client.ts";
import { phases } from "../../src/db/control-schema/index.ts";
import {
  taskAssignments,
  taskHistories,
  taskResultFetches,
  taskResults,
  tasks,
  validations,
} from "../../src/db/schema/index.ts";
import { refreshChangedTaskHistories, refreshTaskHistories } from "../../src/db/task-histories.ts";
import { migratePhaseSchemas } from "../../src/phase/migrate-phase-schemas.ts";
import { assignmentRow, minerAddress, outcomeAt, validationRow } from "../api/domain-fixtures.ts";
import { taskRow } from "../api/fixtures.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

const ARCHIVED_SCHEMA = "phase_archived";

/** Task 1/1 with two miners (one committed with a result), a validation and a done result read. */
async function seedTask(db: Database, chainId = 1): Promise<void> {
  const task = { chainId, sessionId: 1, taskId: 1 };
  await db.insert(tasks).values(taskRow(1, 1, { chainId, status: "ENDED" }));
  await db
    .insert(taskAssignments)
    .values([
      assignmentRow(task, 2, 10, outcomeAt("MISSED_ACK", 20)),
      assignmentRow(task, 1, 10, outcomeAt("COMMITTED", 20)),
    ]);
  await db.insert(taskResults).values({
    chainId,
    sessionId: "1",
    taskId: "1",
    miner: minerAddress(1),
    result: 'urn:"quoted"',
    blockNumber: 20n,
  });
  await db.insert(validations).values(validationRow(25, 0, { chainId }));
  await db.insert(taskResultFetches).values({
    chainId,
    sessionId: "1",
    taskId: "1",
    contractAddress: minerAddress(9),
    blockNumber: 20n,
    status: "DONE",
  });
}

const historiesOf = (db: Database) => db.select().from(taskHistories);

/** When a domain migration was generated: the `created_at` drizzle records once it has run. */
function migrationTime(tag: string): number {
  const journal = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../drizzle/meta/_journal.json"), "utf8"),
  ) as { entries: { tag: string; when: number }[] };
  const entry = journal.entries.find((candidate) => candidate.tag === tag);
  if (!entry) throw new Error(`no migration ${tag}`);
  return entry.when;
}

describe("task histories", () => {
  let database: TestDatabase;
  let archived: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase("histories");
    const openSchema = database.handle.openSchema;
    if (!openSchema) throw new Error("needs Postgres");
    archived = await openSchema(ARCHIVED_SCHEMA, 2);
    await archived.migrate();
    await database.handle.db.insert(phases).values({
      id: "phase-3",
      seq: 1,
      schemaName: ARCHIVED_SCHEMA,
      status: "archived",
      networkName: "devnet",
      networkSource: "test",
      networkFile: {},
      startBlocks: {},
    });
  });
  afterAll(async () => {
    await archived?.close();
    await database?.drop();
  });

  it("builds the histories of every phase's tasks when an index that predates them is migrated", async () => {
    const base = database.handle.db;
    await seedTask(base);
    await seedTask(archived.db, 2);
    // As before the table existed: none in public, and the archived phase lacks the migration
    // (and those after it, which run again).
    await base.delete(taskHistories);
    await archived.db.execute(sql`drop table task_histories`);
    await archived.db.execute(
      sql`delete from __drizzle_migrations where created_at >= ${migrationTime("0007_task_histories")}`,
    );

    await migratePhaseSchemas(database.handle);

    for (const [db, chainId] of [
      [base, 1],
      [archived.db, 2],
    ] as const) {
      const [history] = await historiesOf(db);
      expect(history).toMatchObject({ chainId, sessionId: "1", taskId: "1" });
      expect(history?.resultFetchStatus).toBe("DONE");
      const assignments = JSON.parse(history?.assignments ?? "null");
      // Miner order, every phase field, and the result of the miner that returned one.
      expect(assignments.map((a: { miner: string }) => a.miner)).toEqual([
        minerAddress(1),
        minerAddress(2),
      ]);
      expect(assignments[0]).toMatchObject({
        status: "COMMITTED",
        statusBlock: "20",
        assignedBlock: "10",
        inFinalList: true,
        result: 'urn:"quoted"',
        resultHash: null,
      });
      expect(assignments[1]).toMatchObject({ status: "MISSED_ACK", result: null });
      expect(JSON.parse(history?.validations ?? "null")).toEqual([
        expect.objectContaining({ verdict: "VALID", score: "100", blockNumber: "25", logIndex: 0 }),
      ]);
    }

    // Migrating again builds nothing twice.
    const before = await historiesOf(base);
    await migratePhaseSchemas(database.handle);
    expect(await historiesOf(base)).toEqual(before);
  });

  it("refreshes only the parts asked for, leaving the others as they were", async () => {
    const db = database.handle.db;
    const key = [1, "1", "1"] as const;
    const [before] = await historiesOf(db);
    await db.insert(validations).values(validationRow(30, 1, { verdict: "INVALID", score: "0" }));
    await db
      .update(taskResultFetches)
      .set({ status: "FAILED" })
      .where(sql`chain_id = 1 and task_id = 1`);

    await refreshTaskHistories(db, ["validations"], [key, key]);
    const [after] = await historiesOf(db);
    expect(
      JSON.parse(after?.validations ?? "[]").map((v: { verdict: string }) => v.verdict),
    ).toEqual(["VALID", "INVALID"]);
    expect(after?.resultFetchStatus).toBe(before?.resultFetchStatus);
    expect(after?.assignments).toBe(before?.assignments);

    await refreshTaskHistories(db, ["resultFetchStatus"], [key]);
    expect((await historiesOf(db))[0]?.resultFetchStatus).toBe("FAILED");
  });

  it("refreshes each task's changed parts with one row version, and only those parts", async () => {
    const db = database.handle.db;
    await db.delete(taskHistories);
    await db.insert(tasks).values(taskRow(1, 2));
    await db
      .insert(taskAssignments)
      .values(assignmentRow({ chainId: 1, sessionId: 1, taskId: 2 }, 3, 40));
    const first = [1, "1", "1"] as const;
    const second = [1, "1", "2"] as const;

    // Task 1 changed in every part, task 2 only in its assignments.
    const updates = await db.transaction(async (tx) => {
      await refreshChangedTaskHistories(tx, [
        ["assignments", [first, second]],
        ["validations", [first]],
        ["resultFetchStatus", [first]],
      ]);
      await refreshChangedTaskHistories(tx, [
        ["validations", [first]],
        ["resultFetchStatus", [first]],
      ]);
      // Row versions this transaction wrote over existing ones (pg_stat counts them at once).
      const [row] = (await tx.execute(
        sql`select pg_stat_get_xact_tuples_updated('task_histories'::regclass) as updated`,
      )) as unknown as { updated: string }[];
      return Number(row?.updated);
    });
    // Two inserts and one update of task 1: one statement per task, not one per part.
    expect(updates).toBe(1);

    const rows = await db.select().from(taskHistories).orderBy(taskHistories.taskId);
    expect(rows.map((row) => row.taskId)).toEqual(["1", "2"]);
    const [one, two] = rows;
    expect(one?.resultFetchStatus).toBe("FAILED");
    expect(JSON.parse(one?.validations ?? "[]")).toHaveLength(2);
    expect(JSON.parse(one?.assignments ?? "[]")).toHaveLength(2);
    expect(JSON.parse(two?.assignments ?? "[]").map((a: { miner: string }) => a.miner)).toEqual([
      minerAddress(3),
    ]);
    // Parts not listed for task 2 stay unset, as the sync leaves them.
    expect(two?.validations).toBeNull();
    expect(two?.resultFetchStatus).toBeNull();
  });
});
