import { eq } from "drizzle-orm";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import {
  blockHashes,
  chainCheckpoints,
  events,
  sessions,
  taskAssignments,
  tasks,
} from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import {
  assignmentRow,
  blockHashRow,
  minerAddress,
  outcomeAt,
  phaseAt,
  T0,
} from "./domain-fixtures.ts";
import { hash } from "./fixtures.ts";
import { queryData, queryErrors } from "./helpers.ts";
import { seedOracleScenario, sessionUpdated } from "./oracle-scenario.ts";

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_oracle");
  await seedOracleScenario(database.handle.db);
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

const SIGNALS = `chainId atBlock block { number hash timestamp } from to
  assignments ended pending succeeded dropped successRatio
  missedDeadlines { ack precommit commit }
  latency { ack { count avg p50 p95 } precommit { count avg p50 p95 } commit { count avg p50 p95 } }
  replicas { tasksEvaluated tasksUnderReplicated averageShortfall }`;

const WINDOW = `from: "${T0 + 200n}", to: "${T0 + 800n}"`;

const nodeQuery = (atBlock = ', atBlock: "600"') =>
  `{ oracleNodeSignals(chainId: 1, address: "${minerAddress(1)}", ${WINDOW}${atBlock}) { address ${SIGNALS} } }`;
const sessionQuery = (sessionId: number) =>
  `{ oracleSessionSignals(chainId: 1, sessionId: "${sessionId}", ${WINDOW}, atBlock: "600") { sessionId ${SIGNALS} } }`;

/** The raw response body: what "byte-identical" is about. */
async function responseText(query: string): Promise<string> {
  const response = await app.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query }),
  });
  return response.text();
}

const stats = (count: number, avg: number, p50: number, p95: number) => ({ count, avg, p50, p95 });

describe("oracleNodeSignals", () => {
  test("a miner's signals count only what was recorded by atBlock", async () => {
    const data = await queryData<{ oracleNodeSignals: unknown }>(app, nodeQuery());
    expect(data.oracleNodeSignals).toEqual({
      address: minerAddress(1),
      chainId: 1,
      atBlock: "600",
      block: { number: "500", hash: hash(500), timestamp: String(T0 + 500n) },
      from: String(T0 + 200n),
      to: String(T0 + 800n),
      // tasks 1-5 and 7; task 6 is assigned after block 600, task 8 before the window
      assignments: 6,
      ended: 5,
      pending: 1,
      succeeded: 1,
      dropped: 1,
      successRatio: 0.2,
      missedDeadlines: { ack: 1, precommit: 2, commit: 0 },
      latency: {
        ack: stats(5, 4, 3, 8.8),
        precommit: stats(3, 4.333333, 4, 5.8),
        // task 5's commit at block 700 does not count yet
        commit: stats(2, 5.5, 5.5, 5.95),
      },
      // tasks 1-4 (redundancy 3) and 7 (3 as of block 600, 2 since block 950): commits 3, 2, 1, 0, 1
      replicas: { tasksEvaluated: 5, tasksUnderReplicated: 4, averageShortfall: 2 },
    });
  });

  test("atBlock defaults to the last indexed block", async () => {
    const data = await queryData<{
      oracleNodeSignals: { atBlock: string; block: { number: string }; ended: number };
    }>(app, nodeQuery(""));
    expect(data.oracleNodeSignals.atBlock).toBe("1000");
    expect(data.oracleNodeSignals.block.number).toBe("1000");
    expect(data.oracleNodeSignals.ended).toBe(6);
  });
});

describe("oracleSessionSignals", () => {
  test("a session's signals over every miner of its tasks", async () => {
    const data = await queryData<{ oracleSessionSignals: Record<string, unknown> }>(
      app,
      sessionQuery(1),
    );
    expect(data.oracleSessionSignals).toMatchObject({
      sessionId: "1",
      atBlock: "600",
      assignments: 9,
      ended: 8,
      pending: 1,
      succeeded: 5,
      dropped: 1,
      successRatio: 0.625,
      missedDeadlines: { ack: 1, precommit: 1, commit: 0 },
      latency: {
        ack: stats(8, 2.125, 2, 3.65),
        precommit: stats(7, 4.428571, 3, 8.1),
        commit: stats(6, 8.5, 8.5, 12.25),
      },
      replicas: { tasksEvaluated: 4, tasksUnderReplicated: 3, averageShortfall: 2 },
    });
  });
});

describe("as of a block", () => {
  test("two calls give byte-identical answers", async () => {
    expect(await responseText(nodeQuery())).toBe(await responseText(nodeQuery()));
  });

  test("indexing further blocks does not change an answer at a fixed atBlock", async () => {
    const queries = [nodeQuery(), sessionQuery(1), sessionQuery(2)];
    const before = await Promise.all(queries.map(responseText));
    const { db } = database.handle;
    // What indexing blocks 1001-1200 could write: new assignments, later phases and outcomes of
    // pending ones, a task ending, a redundancy change, a new checkpoint and block hashes.
    await db
      .insert(taskAssignments)
      .values(assignmentRow({ sessionId: 1, taskId: 9 }, 1, 1100, { assignedAt: T0 + 790n }));
    await db
      .update(taskAssignments)
      .set({
        ...phaseAt("acked", 1010),
        ...phaseAt("precommitted", 1020),
        ...phaseAt("committed", 1050),
        ...outcomeAt("COMMITTED", 1060),
      })
      .where(eq(taskAssignments.taskId, "6"));
    await db.update(tasks).set({ endedBlock: 1060n }).where(eq(tasks.taskId, "6"));
    await db.update(sessions).set({ redundant: "5", updatedBlock: 1100n });
    await db.insert(events).values([sessionUpdated(1, 1100, "5"), sessionUpdated(2, 1100, "5", 1)]);
    await db.update(chainCheckpoints).set({ lastIndexedBlock: 1200n });
    await db.insert(blockHashes).values([blockHashRow(1100), blockHashRow(1200)]);

    const after = await Promise.all(queries.map(responseText));
    expect(after).toEqual(before);
    expect(JSON.parse(after[0] ?? "{}").data.oracleNodeSignals.ended).toBe(5);
    const now = await queryData<{ oracleNodeSignals: { atBlock: string; ended: number } }>(
      app,
      nodeQuery(""),
    );
    expect(now.oracleNodeSignals).toMatchObject({ atBlock: "1200", ended: 7 });
  });
});

describe("errors", () => {
  test("atBlock above the indexed tip is refused", async () => {
    const tip = await database.handle.db.select().from(chainCheckpoints);
    const above = (tip[0]?.lastIndexedBlock ?? 0n) + 1n;
    expect(await queryErrors(app, nodeQuery(`, atBlock: "${above}"`))).toEqual([
      `atBlock: ${above} is above the last indexed final block ${above - 1n} of chain 1`,
    ]);
  });

  test("an index past the final block answers as of the final block and refuses above it", async () => {
    const { db } = database.handle;
    const [row] = await db.select().from(chainCheckpoints);
    const indexed = row?.lastIndexedBlock ?? 0n;
    const final = indexed - 100n;
    await db.update(chainCheckpoints).set({ finalizedBlock: final });
    try {
      const data = await queryData<{ oracleNodeSignals: { atBlock: string } }>(app, nodeQuery(""));
      expect(data.oracleNodeSignals.atBlock).toBe(final.toString());
      expect(await queryErrors(app, nodeQuery(`, atBlock: "${indexed}"`))).toEqual([
        `atBlock: ${indexed} is above the last indexed final block ${final} of chain 1`,
      ]);
    } finally {
      await db.update(chainCheckpoints).set({ finalizedBlock: null });
    }
  });

  test("a chain that was never indexed is refused", async () => {
    const errors = await queryErrors(
      app,
      `{ oracleSessionSignals(chainId: 9, sessionId: 1, ${WINDOW}) { assignments } }`,
    );
    expect(errors).toEqual(["chainId: chain 9 has no indexed final block yet"]);
  });

  test.each([
    [
      `from: "${T0 + 800n}", to: "${T0 + 200n}"`,
      `to: must be after from (${T0 + 800n}), got ${T0 + 200n}`,
    ],
    ['from: 0, to: 10, atBlock: "-1"', "atBlock: must not be negative, got -1"],
  ])("bad arguments (%s) are refused", async (args, message) => {
    const errors = await queryErrors(
      app,
      `{ oracleNodeSignals(chainId: 1, address: "${minerAddress(1)}", ${args}) { assignments } }`,
    );
    expect(errors).toEqual([message]);
  });

  test("a malformed address is refused", async () => {
    const errors = await queryErrors(
      app,
      `{ oracleNodeSignals(chainId: 1, address: "0x12", ${WINDOW}) { assignments } }`,
    );
    expect(errors).toEqual(['address: expected an address: 0x and 40 hex digits, got "0x12"']);
  });
});
