import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { rebuildTaskCounters } from "../../src/db/rebuild-task-counters.ts";
import { taskResultFetches, taskResults, tasks } from "../../src/db/schema/index.ts";
import { rebuildTaskHistories } from "../../src/db/task-histories.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import { allItems, graphql } from "../fixtures/graphql.ts";
import { type IndexedDevnet, indexDevnet } from "../fixtures/indexed-devnet.ts";
import { waitFor } from "../fixtures/wait-for.ts";

interface NodeItem {
  address: string;
  [counter: string]: unknown;
  stats: { pingCounter: string | null; level: string | null; resets: number } | null;
  reputationHistory: { items: { state: string; success: boolean | null }[] };
}

const NODE_FIELDS = `address tasksAssigned tasksAcked tasksPrecommitted tasksCommitted tasksEnded
  tasksSucceeded missedAck missedPrecommit missedCommit dropped ackLatencySum precommitLatencySum
  commitLatencySum poolState level consecutiveSuccess cognitiveTasksCompleted cognitiveTasksSucceeded
  cognitiveTasksFailed version`;

/** One node's NodeStats row and reputation history, through the `node` query. */
async function nodeDetails(app: ReturnType<typeof createApiApp>, chainId: number, address: string) {
  const data = await graphql<{ node: Pick<NodeItem, "stats" | "reputationHistory"> | null }>(
    app,
    `query($chainId: Int!, $address: String!) {
      node(chainId: $chainId, address: $address) {
        stats { pingCounter level resets }
        reputationHistory(first: 1000) { items { state success } }
      }
    }`,
    { chainId, address },
  );
  return data.node;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * Every domain table after a devnet run equals the simulator's record of what it did, on both
 * chains: per-miner outcomes and latencies, node counters, pool states, levels, versions, pings,
 * reputation, cognitive rounds, validations and task results.
 */
describe("domain tables equal the devnet ground truth", () => {
  let indexed: IndexedDevnet;
  let truths: GroundTruth[];
  let app: ReturnType<typeof createApiApp>;

  beforeAll(async () => {
    indexed = await indexDevnet({ rounds: 4, sessionsPerRound: 3, tasksPerSession: 3, seed: 21 });
    truths = indexed.truths;
    app = createApiApp({ database: indexed.database.handle });
    const { db } = indexed.database.handle;
    const ended = truths.reduce((sum, truth) => sum + truth.counts.tasksByStatus.ENDED, 0);
    await waitFor("every result fetch to be done", async () => {
      const fetches = await db.select().from(taskResultFetches);
      return fetches.length === ended && fetches.every((fetch) => fetch.status === "DONE");
    });
  });
  afterAll(() => indexed?.stop());

  const rowsOf = async <T extends { chainId: number }>(query: Promise<T[]>, chainId: number) =>
    (await query).filter((row) => row.chainId === chainId);

  it("has each miner's outcome and phase times in every task", async () => {
    for (const truth of truths) {
      const rows = await allItems<{
        sessionId: string;
        taskId: string;
        miner: string;
        status: string;
        assignedAt: string;
        ackedAt: string | null;
        precommittedAt: string | null;
        committedAt: string | null;
      }>(
        app,
        "taskAssignments",
        { chainId: truth.chainId },
        "sessionId taskId miner status assignedAt ackedAt precommittedAt committedAt",
      );
      const expected = truth.tasks.flatMap((task) =>
        task.assignments.map((assignment) => ({
          key: `${task.sessionId}:${task.taskId}:${assignment.miner}`,
          outcome: assignment.outcome,
          assignedAt: assignment.assignedAt,
          ackedAt: assignment.ackedAt,
          precommittedAt: assignment.precommittedAt,
          committedAt: assignment.committedAt,
        })),
      );
      const actual = rows.map((row) => ({
        key: `${row.sessionId}:${row.taskId}:${row.miner}`,
        outcome: row.status,
        assignedAt: num(row.assignedAt),
        ackedAt: num(row.ackedAt),
        precommittedAt: num(row.precommittedAt),
        committedAt: num(row.committedAt),
      }));
      expect(actual.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
        expected.sort((a, b) => a.key.localeCompare(b.key)),
      );
      expect(expected.some((assignment) => assignment.outcome === "DROPPED")).toBe(true);
    }
  });

  it("has every task's final miners and its results read at the end block", async () => {
    const { db } = indexed.database.handle;
    for (const truth of truths) {
      const taskRows = await rowsOf(db.select().from(tasks), truth.chainId);
      const results = await rowsOf(db.select().from(taskResults), truth.chainId);
      for (const task of truth.tasks) {
        const row = taskRows.find(
          (r) => r.sessionId === task.sessionId && r.taskId === task.taskId,
        );
        expect(row?.finalMiners ?? null).toEqual(task.finalMiners);
        expect(num(row?.endedAt ?? null)).toEqual(task.endedAt);
        const stored = results
          .filter((r) => r.sessionId === task.sessionId && r.taskId === task.taskId)
          .map((r) => ({ miner: r.miner, result: r.result }));
        expect(stored.sort((a, b) => a.miner.localeCompare(b.miner))).toEqual(
          [...(task.results ?? [])].sort((a, b) => a.miner.localeCompare(b.miner)),
        );
      }
    }
  });

  it("keeps every node's counters, latencies, pool state, level, version and pings", async () => {
    for (const truth of truths) {
      expect(truth.nodes.filter((node) => node.tasksEnded > 0).length).toBeGreaterThan(5);
      const nodeRows = await allItems<NodeItem>(
        app,
        "nodes",
        { chainId: truth.chainId },
        NODE_FIELDS,
      );
      for (const node of truth.nodes) {
        const row = nodeRows.find((r) => r.address === node.address);
        const stats = (await nodeDetails(app, truth.chainId, node.address))?.stats;
        expect(
          {
            tasksAssigned: row?.tasksAssigned,
            tasksAcked: row?.tasksAcked,
            tasksPrecommitted: row?.tasksPrecommitted,
            tasksCommitted: row?.tasksCommitted,
            tasksEnded: row?.tasksEnded,
            tasksSucceeded: row?.tasksSucceeded,
            missedAck: row?.missedAck,
            missedPrecommit: row?.missedPrecommit,
            missedCommit: row?.missedCommit,
            dropped: row?.dropped,
            ackLatencySum: num(row?.ackLatencySum ?? 0n),
            precommitLatencySum: num(row?.precommitLatencySum ?? 0n),
            commitLatencySum: num(row?.commitLatencySum ?? 0n),
            poolState: row?.poolState ?? null,
            level: row?.level ?? null,
            consecutiveSuccess: num(row?.consecutiveSuccess ?? null),
            cognitiveTasksCompleted: num(row?.cognitiveTasksCompleted ?? "0"),
            cognitiveTasksSucceeded: num(row?.cognitiveTasksSucceeded ?? "0"),
            cognitiveTasksFailed: num(row?.cognitiveTasksFailed ?? "0"),
            version: row?.version ?? null,
            pingCounter: num(stats?.pingCounter ?? "0"),
            statsLevel: num(stats?.level ?? null),
            statsResets: stats?.resets ?? 0,
          },
          node.address,
        ).toEqual({
          tasksAssigned: node.tasksAssigned,
          tasksAcked: node.tasksAcked,
          tasksPrecommitted: node.tasksPrecommitted,
          tasksCommitted: node.tasksCommitted,
          tasksEnded: node.tasksEnded,
          tasksSucceeded: node.tasksSucceeded,
          missedAck: node.missedAck,
          missedPrecommit: node.missedPrecommit,
          missedCommit: node.missedCommit,
          dropped: node.dropped,
          ackLatencySum: node.ackLatencySum,
          precommitLatencySum: node.precommitLatencySum,
          commitLatencySum: node.commitLatencySum,
          poolState: node.poolState,
          level: node.level,
          consecutiveSuccess: node.consecutiveSuccess,
          cognitiveTasksCompleted: node.cognitiveTasksCompleted,
          cognitiveTasksSucceeded: node.cognitiveTasksSucceeded,
          cognitiveTasksFailed: node.cognitiveTasksFailed,
          version: node.version,
          pingCounter: node.pingCounter,
          statsLevel: node.statsLevel,
          statsResets: node.statsResets,
        });
      }
    }
  });

  it("keeps the dashboard counters equal to counting the tasks", async () => {
    const { handle } = indexed.database;
    const kept = await handle.rows(
      sql`select chain_id, status, count from task_status_counts where count <> 0 order by 1, 2`,
    );
    const keptHours = await handle.rows(
      sql`select * from task_hourly_counts where queued <> 0 or ended <> 0 order by 1, 2`,
    );
    await rebuildTaskCounters(handle.db);
    expect(kept).toEqual(
      await handle.rows(sql`select chain_id, status, count from task_status_counts order by 1, 2`),
    );
    expect(keptHours).toEqual(
      await handle.rows(sql`select * from task_hourly_counts order by 1, 2`),
    );
    expect(kept.length).toBeGreaterThan(4);
  });

  it("keeps every task's history equal to rebuilding it from its tables", async () => {
    const { handle } = indexed.database;
    const histories = sql`select * from task_histories order by chain_id, session_id, task_id`;
    const kept = await handle.rows<{ assignments: string | null; result_fetch_status: string }>(
      histories,
    );
    await rebuildTaskHistories(handle.db);
    expect(kept).toEqual(await handle.rows(histories));
    // Results arrive after the projection wrote the task's end, from the result reader.
    expect(kept.filter((row) => row.assignments?.includes('"result":"')).length).toBeGreaterThan(0);
    expect(kept.some((row) => row.result_fetch_status === "DONE")).toBe(true);
  });

  it("has every reputation record, cognitive round and validation", async () => {
    for (const truth of truths) {
      for (const expected of truth.reputation) {
        const details = await nodeDetails(app, truth.chainId, expected.address);
        const mine = details?.reputationHistory.items ?? [];
        expect({
          successes: mine.filter((r) => r.success === true).length,
          failures: mine.filter((r) => r.success === false).length,
          ephemeralSets: mine.filter((r) => r.state === "EPHEMERAL" && r.success === null).length,
        }).toEqual({
          successes: expected.successes,
          failures: expected.failures,
          ephemeralSets: expected.ephemeralSets,
        });
      }

      expect(truth.reputation.length).toBeGreaterThan(0);
      expect(truth.cognitiveRounds.length).toBeGreaterThan(1);
      const rounds = await allItems<{
        roundId: string;
        phase: string;
        precommitCount: number;
        commitCount: number;
      }>(
        app,
        "cognitiveRounds",
        { chainId: truth.chainId },
        "roundId phase precommitCount commitCount",
      );
      expect(
        rounds
          .map((r) => ({
            roundId: r.roundId,
            phase: r.phase,
            precommitCount: r.precommitCount,
            commitCount: r.commitCount,
          }))
          .sort((a, b) => Number(a.roundId) - Number(b.roundId)),
      ).toEqual(
        truth.cognitiveRounds.map((r) => ({
          roundId: r.roundId,
          phase: r.phase,
          precommitCount: r.precommitCount,
          commitCount: r.commitCount,
        })),
      );

      const verdicts = await allItems<{
        validatorSessionId: string;
        sessionId: string;
        taskId: string;
        validator: string;
        miner: string | null;
        verdict: string;
        score: string | null;
      }>(
        app,
        "validations",
        { chainId: truth.chainId },
        "validatorSessionId sessionId taskId validator miner verdict score",
      );
      const comparable = (v: {
        validatorSessionId: string;
        sessionId: string;
        taskId: string;
        validator: string;
        miner: string | null;
        verdict: string;
        score: string | number | null;
      }) =>
        `${v.validatorSessionId}:${v.sessionId}:${v.taskId}:${v.validator}:${v.miner}:${v.verdict}:${Number(v.score)}`;
      expect(verdicts.map(comparable).sort()).toEqual(truth.validations.map(comparable).sort());
      expect(truth.validations.length).toBeGreaterThan(0);
    }
  });
});
