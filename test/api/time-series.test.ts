import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { rebuildTaskCounters } from "../../src/db/rebuild-task-counters.ts";
import { taskAssignments, tasks } from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { minerAddress } from "./domain-fixtures.ts";
import { taskRow } from "./fixtures.ts";
import { queryData, queryErrors } from "./helpers.ts";

/** An hour boundary (22:00 UTC); the next day starts at B + 7200. */
const B = 1_699_999_200;
const DAY = 1_699_920_000;
const HOUR = 3600;

let database: TestDatabase;
let app: Hono;

/** A task queued and (optionally) ended at offsets from B. */
const timedTask = (taskId: number, queued: number, ended: number | null, chainId = 1) =>
  taskRow(1, taskId, {
    chainId,
    queuedAt: BigInt(B + queued),
    endedAt: ended === null ? null : BigInt(B + ended),
  });

/** An assignment at B + assigned with each phase's offset from B (null: not reached). */
const timedAssignment = (taskId: number, assigned: number, phases: (number | null)[]) => {
  const at = (offset: number | null | undefined) =>
    offset === null || offset === undefined ? null : BigInt(B + offset);
  return {
    chainId: 1,
    sessionId: "1",
    taskId: String(taskId),
    miner: minerAddress(taskId),
    assignedBlock: 1n,
    assignedAt: BigInt(B + assigned),
    ...Object.fromEntries(
      (["acked", "precommitted", "committed"] as const).flatMap((phase, i) => [
        [`${phase}At`, at(phases[i])],
        [`${phase}Block`, phases[i] === null ? null : 1n],
      ]),
    ),
  };
};

beforeAll(async () => {
  database = await createTestDatabase("api_time_series");
  const { db } = database.handle;
  await db
    .insert(tasks)
    .values([
      timedTask(1, 10, 3700),
      timedTask(2, 20, null),
      timedTask(3, 3600, 3650),
      timedTask(4, 7300, 10_900),
      timedTask(5, -5, 30),
      timedTask(6, 15, 16, 2),
    ]);
  await rebuildTaskCounters(db);
  // ack 2, 4, 6; precommit 3 (from ack), 6; commit 4 (from precommit), 14 (from ack)
  await db
    .insert(taskAssignments)
    .values([
      timedAssignment(1, 100, [102, 105, 109]),
      timedAssignment(2, 100, [104, 110, null]),
      timedAssignment(3, 100, [null, null, null]),
      timedAssignment(4, 100, [106, null, 120]),
      timedAssignment(5, -100, [0, 1, 2]),
    ]);
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

const series = (interval: string, from: number, to: number) =>
  queryData<{ taskTimeSeries: { interval: string; from: string; to: string; buckets: unknown[] } }>(
    app,
    `{ taskTimeSeries(chainId: 1, interval: ${interval}, from: "${from}", to: "${to}") {
      interval from to buckets { start submitted ended }
    } }`,
  );

const bucket = (start: number, submitted: number, ended: number) => ({
  start: String(start),
  submitted,
  ended,
});

describe("taskTimeSeries", () => {
  test("hourly buckets count tasks queued and ended in each, empty ones included", async () => {
    const { taskTimeSeries } = await series("HOUR", B, B + 4 * HOUR);
    expect(taskTimeSeries).toEqual({
      interval: "HOUR",
      from: String(B),
      to: String(B + 4 * HOUR),
      buckets: [
        bucket(B, 2, 1),
        bucket(B + HOUR, 1, 2),
        bucket(B + 2 * HOUR, 1, 0),
        bucket(B + 3 * HOUR, 0, 1),
      ],
    });
  });

  test("an unaligned window keeps whole buckets but counts only inside it", async () => {
    const { taskTimeSeries } = await series("HOUR", B + 1800, B + 5400);
    expect(taskTimeSeries.buckets).toEqual([bucket(B, 0, 0), bucket(B + HOUR, 1, 2)]);
  });

  test("daily buckets start at UTC midnight", async () => {
    const { taskTimeSeries } = await series("DAY", DAY, DAY + 2 * 86_400);
    expect(taskTimeSeries.buckets).toEqual([bucket(DAY, 4, 3), bucket(DAY + 86_400, 1, 1)]);
  });

  test("2000 buckets are served, 2001 refused", async () => {
    const { taskTimeSeries } = await series("HOUR", 0, 2000 * HOUR);
    expect(taskTimeSeries.buckets).toHaveLength(2000);
    const errors = await queryErrors(
      app,
      `{ taskTimeSeries(chainId: 1, interval: HOUR, from: 0, to: ${2001 * HOUR}) { from } }`,
    );
    expect(errors).toEqual([
      "to: from..to spans 2001 HOUR buckets, more than the 2000 a series may have; narrow the range or use a larger interval",
    ]);
  });

  test.each([
    ["from: 10, to: 10", "to: must be after from (10), got 10"],
    ["from: 20, to: 10", "to: must be after from (20), got 10"],
    ['from: "-5", to: 10', "from: must not be negative, got -5"],
  ])("a bad range (%s) is refused", async (range, message) => {
    const errors = await queryErrors(
      app,
      `{ taskTimeSeries(chainId: 1, interval: DAY, ${range}) { from } }`,
    );
    expect(errors).toEqual([message]);
  });

  test("an unknown interval is refused", async () => {
    const errors = await queryErrors(
      app,
      "{ taskTimeSeries(chainId: 1, interval: WEEK, from: 0, to: 10) { from } }",
    );
    expect(errors).toEqual([expect.stringMatching(/"WEEK" does not exist in "TimeInterval"/)]);
  });
});

describe("taskLatency", () => {
  test("percentiles, mean and count of each phase and of whole tasks", async () => {
    const data = await queryData<{ taskLatency: unknown }>(
      app,
      `{ taskLatency(chainId: 1, from: "${B}", to: "${B + 4 * HOUR}") {
        chainId from to
        ack { count avg p50 p95 }
        precommit { count avg p50 p95 }
        commit { count avg p50 p95 }
        endToEnd { count avg p50 p95 }
      } }`,
    );
    expect(data.taskLatency).toEqual({
      chainId: 1,
      from: String(B),
      to: String(B + 4 * HOUR),
      // percentile_cont interpolates: p95 of [2, 4, 6] is at position 1.9, 4 + 0.9 × 2
      ack: { count: 3, avg: 4, p50: 4, p95: 5.8 },
      precommit: { count: 2, avg: 4.5, p50: 4.5, p95: 5.85 },
      commit: { count: 2, avg: 9, p50: 9, p95: 13.5 },
      // tasks 1, 3, 4 queued in the window and ended: 3690, 50, 3600 seconds
      endToEnd: { count: 3, avg: 2446.666667, p50: 3600, p95: 3681 },
    });
  });

  test("an empty window has counts of 0 and null statistics", async () => {
    const data = await queryData(
      app,
      "{ taskLatency(chainId: 1, from: 0, to: 10) { ack { count avg p50 p95 } endToEnd { count p50 } } }",
    );
    expect(data).toEqual({
      taskLatency: {
        ack: { count: 0, avg: null, p50: null, p95: null },
        endToEnd: { count: 0, p50: null },
      },
    });
  });

  test("an inverted range is refused", async () => {
    const errors = await queryErrors(app, "{ taskLatency(chainId: 1, from: 10, to: 5) { from } }");
    expect(errors).toEqual(["to: must be after from (10), got 5"]);
  });
});
