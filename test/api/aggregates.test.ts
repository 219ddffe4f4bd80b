import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { rebuildTaskCounters } from "../../src/db/rebuild-task-counters.ts";
import {
  chainCheckpoints,
  cognitiveRounds,
  nodes,
  sessions,
  tasks,
  validations,
} from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { cognitiveRoundRow, minerAddress, nodeRow, T0, validationRow } from "./domain-fixtures.ts";
import { checkpointRow, sessionRow, taskRow } from "./fixtures.ts";
import { queryData, queryErrors } from "./helpers.ts";

let database: TestDatabase;
let app: Hono;

/** Chain 1's last indexed block is at T0 + 10 000. */
const TIP_TIME = T0 + 10_000n;

beforeAll(async () => {
  database = await createTestDatabase("api_aggregates");
  const { db } = database.handle;
  await db
    .insert(chainCheckpoints)
    .values(checkpointRow(1, { lastIndexedBlock: 10_000n, lastIndexedTimestamp: TIP_TIME }));
  await db
    .insert(sessions)
    .values([
      sessionRow(1),
      sessionRow(2),
      sessionRow(3, { state: "DEACTIVATED" }),
      sessionRow(1, { chainId: 2 }),
    ]);
  const statuses = ["QUEUED", "ACKED", "ACKED", "ENDED", "ENDED", "ENDED"];
  await db
    .insert(tasks)
    .values([
      ...statuses.map((status, i) => taskRow(1, i + 1, { status })),
      taskRow(1, 1, { chainId: 2, status: "ENDED" }),
    ]);
  await rebuildTaskCounters(db);
  // a: recent and in the pool; b: recent but removed; c: not seen for long; d: recent, no pool
  // event yet. Leaderboard: committed a 5, b 7, c 5, d 0; success a 3/4, b 6/8, c none, d 2/2.
  await db.insert(nodes).values([
    nodeRow(1, {
      lastSeenAt: TIP_TIME - 1000n,
      tasksCommitted: 5,
      tasksEnded: 4,
      tasksSucceeded: 3,
    }),
    nodeRow(2, {
      lastSeenAt: TIP_TIME - 500n,
      poolState: "REMOVED",
      tasksCommitted: 7,
      tasksEnded: 8,
      tasksSucceeded: 6,
    }),
    nodeRow(3, { lastSeenAt: TIP_TIME - 90_000n, tasksCommitted: 5 }),
    nodeRow(4, { lastSeenAt: TIP_TIME, poolState: null, tasksEnded: 2, tasksSucceeded: 2 }),
    nodeRow(5, { chainId: 2, tasksCommitted: 100 }),
  ]);
  await db
    .insert(validations)
    .values([
      validationRow(1, 0),
      validationRow(2, 0),
      validationRow(3, 0, { verdict: "INVALID" }),
      validationRow(4, 0, { verdict: "UNKNOWN_7" }),
      validationRow(5, 0, { chainId: 2, verdict: "RETRY" }),
    ]);
  await db
    .insert(cognitiveRounds)
    .values([
      cognitiveRoundRow(1, { precommitCount: 3, commitCount: 2 }),
      cognitiveRoundRow(2, { precommitCount: 4, commitCount: 3 }),
      cognitiveRoundRow(3, { phase: "STARTED" }),
      cognitiveRoundRow(4, { phase: "COMMITTING", precommitCount: 2, commitCount: 1 }),
      cognitiveRoundRow(5, { chainId: 2, precommitCount: 9, commitCount: 9 }),
    ]);
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

const NETWORK_STATS = `
  chainId
  sessions { total active }
  tasks { total byStatus { status count } }
  miners { total active activeWithinSeconds activeSince }
  validations { total byVerdict { verdict count } }
`;

describe("networkStats", () => {
  test("counts one chain's sessions, tasks by status, active miners and verdicts", async () => {
    const data = await queryData<{ networkStats: unknown }>(
      app,
      `{ networkStats(chainId: 1) { ${NETWORK_STATS} } }`,
    );
    expect(data.networkStats).toEqual({
      chainId: 1,
      sessions: { total: 3, active: 2 },
      tasks: {
        total: 6,
        byStatus: [
          { status: "QUEUED", count: 1 },
          { status: "ASSIGNED", count: 0 },
          { status: "ACKED", count: 2 },
          { status: "PRECOMMITTED", count: 0 },
          { status: "COMMITTED", count: 0 },
          { status: "ENDED", count: 3 },
        ],
      },
      miners: {
        total: 4,
        active: 2,
        activeWithinSeconds: 86_400,
        activeSince: String(TIP_TIME - 86_400n),
      },
      validations: {
        total: 4,
        byVerdict: [
          { verdict: "VALID", count: 2 },
          { verdict: "INVALID", count: 1 },
          { verdict: "RETRY", count: 0 },
          { verdict: "NEEDS_SPEC", count: 0 },
          { verdict: "UNKNOWN_7", count: 1 },
        ],
      },
    });
  });

  test("a wider activity window counts miners seen longer ago", async () => {
    const data = await queryData<{ networkStats: { miners: { active: number } } }>(
      app,
      "{ networkStats(chainId: 1, activeWithinSeconds: 100000) { miners { active } } }",
    );
    expect(data.networkStats.miners.active).toBe(3);
  });

  test("a negative activity window is refused", async () => {
    const errors = await queryErrors(
      app,
      "{ networkStats(chainId: 1, activeWithinSeconds: -1) { chainId } }",
    );
    expect(errors).toEqual(["activeWithinSeconds: must not be negative, got -1"]);
  });

  test("a chain without rows counts zeros", async () => {
    const data = await queryData<{ networkStats: Record<string, unknown> }>(
      app,
      `{ networkStats(chainId: 9) { ${NETWORK_STATS} } }`,
    );
    expect(data.networkStats).toMatchObject({
      sessions: { total: 0, active: 0 },
      tasks: { total: 0 },
      miners: { total: 0, active: 0, activeSince: null },
      validations: { total: 0 },
    });
  });
});

describe("nodeLeaderboard", () => {
  test("by commits, equal counts in address order", async () => {
    const data = await queryData<{ nodeLeaderboard: unknown }>(
      app,
      "{ nodeLeaderboard(chainId: 1) { rank score node { address tasksCommitted } } }",
    );
    expect(data.nodeLeaderboard).toEqual([
      { rank: 1, score: 7, node: { address: minerAddress(2), tasksCommitted: 7 } },
      { rank: 2, score: 5, node: { address: minerAddress(1), tasksCommitted: 5 } },
      { rank: 3, score: 5, node: { address: minerAddress(3), tasksCommitted: 5 } },
      { rank: 4, score: 0, node: { address: minerAddress(4), tasksCommitted: 0 } },
    ]);
  });

  test("by success ratio, only nodes with an ended task, first limits", async () => {
    const data = await queryData<{ nodeLeaderboard: unknown }>(
      app,
      "{ nodeLeaderboard(chainId: 1, by: SUCCESS_RATIO, first: 3) { rank score node { address successRatio } } }",
    );
    expect(data.nodeLeaderboard).toEqual([
      { rank: 1, score: 1, node: { address: minerAddress(4), successRatio: 1 } },
      { rank: 2, score: 0.75, node: { address: minerAddress(1), successRatio: 0.75 } },
      { rank: 3, score: 0.75, node: { address: minerAddress(2), successRatio: 0.75 } },
    ]);
  });
});

describe("cognitiveRoundStats", () => {
  test("rounds by phase and the average counts of ended rounds", async () => {
    const data = await queryData<{ cognitiveRoundStats: Record<string, unknown> }>(
      app,
      `{ cognitiveRoundStats(chainId: 1) {
        chainId total byPhase { phase count } avgPrecommitCount avgCommitCount
      } }`,
    );
    const counts = { ENDED: 2, STARTED: 1, COMMITTING: 1 } as Record<string, number>;
    expect(data.cognitiveRoundStats).toEqual({
      chainId: 1,
      total: 4,
      byPhase: [
        "REQUESTED",
        "REQUEST_ASSIGNED",
        "CREATED",
        "PREPARE_ASSIGNED",
        "PREPARED",
        "STARTED",
        "PRECOMMITTING",
        "ALL_PRECOMMITTED",
        "COMMITTING",
        "ALL_COMMITTED",
        "ENDED",
      ].map((phase) => ({ phase, count: counts[phase] ?? 0 })),
      avgPrecommitCount: 3.5,
      avgCommitCount: 2.5,
    });
  });

  test("averages are null before a round ended", async () => {
    const data = await queryData(
      app,
      "{ cognitiveRoundStats(chainId: 9) { total avgPrecommitCount avgCommitCount } }",
    );
    expect(data).toEqual({
      cognitiveRoundStats: { total: 0, avgPrecommitCount: null, avgCommitCount: null },
    });
  });
});
