import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { taskResultFetches, taskResults } from "../../src/db/schema/index.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import type { TestDevnet } from "../fixtures/devnet.ts";
import { allTasks, countsByStatus, graphql } from "../fixtures/graphql.ts";
import { type IndexedDevnet, indexDevnet } from "../fixtures/indexed-devnet.ts";
import type { TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/**
 * The whole path on real components: two anvil chains with simulated traffic → BullMQ workers →
 * Postgres → GraphQL, compared with the simulator's own record of what it did.
 */
describe("devnet → workers (BullMQ) → Postgres → GraphQL", () => {
  let indexed: IndexedDevnet;
  let devnet: TestDevnet;
  let database: TestDatabase;
  let truths: GroundTruth[];
  let app: ReturnType<typeof createApiApp>;

  beforeAll(async () => {
    indexed = await indexDevnet({ rounds: 3, sessionsPerRound: 3, tasksPerSession: 4, seed: 7 });
    ({ devnet, database, truths } = indexed);
    app = createApiApp({ database: database.handle });
  });

  afterAll(() => indexed?.stop());

  it("simulated real traffic on both chains", () => {
    expect(truths.map((truth) => truth.chainId)).toEqual([31337, 31338]);
    for (const truth of truths) {
      expect(truth.counts.tasks).toBeGreaterThan(20);
      expect(truth.counts.tasksByStatus.ENDED).toBeGreaterThan(0);
      expect(
        truth.counts.tasksByStatus.QUEUED + truth.counts.tasksByStatus.ASSIGNED,
      ).toBeGreaterThan(0);
    }
  });

  it("counts sessions and tasks per status exactly as the simulator did, on each chain", async () => {
    for (const truth of truths) {
      expect(await countsByStatus(app, truth.chainId)).toEqual({
        sessions: truth.counts.sessions,
        tasks: truth.counts.tasks,
        tasksByStatus: truth.counts.tasksByStatus,
      });
    }
  });

  it("has every task with the simulator's status, global id, miners and commits", async () => {
    for (const truth of truths) {
      const indexed = await allTasks(app, truth.chainId);
      const byKey = new Map(indexed.map((task) => [`${task.sessionId}:${task.taskId}`, task]));
      expect(indexed).toHaveLength(truth.tasks.length);
      for (const expected of truth.tasks) {
        const task = byKey.get(`${expected.sessionId}:${expected.taskId}`);
        expect(task, `task ${expected.sessionId}:${expected.taskId}`).toMatchObject({
          status: expected.status,
          globalId: expected.globalId,
          commitCount: expected.committedMiners.length,
        });
        expect(task?.miners ?? []).toEqual(expected.assignedMiners);
      }
    }
  });

  it("has every session with its owner, task count and state", async () => {
    for (const truth of truths) {
      const data = await graphql<{
        sessions: {
          items: { sessionId: string; owner: string; taskCount: number; state: string }[];
        };
      }>(
        app,
        `query($chainId: Int!) { sessions(where: { chainId: $chainId }, first: 1000) { items { sessionId owner taskCount state } } }`,
        { chainId: truth.chainId },
      );
      const expected = truth.sessions.map((session) => ({
        sessionId: session.sessionId,
        owner: session.owner,
        taskCount: session.taskCount,
        state: session.deactivated ? "DEACTIVATED" : "ACTIVE",
      }));
      expect(data.sessions.items).toEqual(expect.arrayContaining(expected));
      expect(data.sessions.items).toHaveLength(expected.length);
    }
  });

  it("reads every ended task's results at its end block, once", async () => {
    const { db } = database.handle;
    const endedTasks = truths.flatMap((truth) =>
      truth.tasks.filter((task) => task.status === "ENDED").map((task) => ({ truth, task })),
    );
    await waitFor("every result fetch to be done", async () => {
      const fetches = await db.select().from(taskResultFetches);
      return (
        fetches.length === endedTasks.length && fetches.every((fetch) => fetch.status === "DONE")
      );
    });
    const results = await db.select().from(taskResults);
    for (const { truth, task } of endedTasks) {
      const miners = results
        .filter(
          (row) =>
            row.chainId === truth.chainId &&
            row.sessionId === task.sessionId &&
            row.taskId === task.taskId,
        )
        .map((row) => row.miner);
      expect(miners.sort()).toEqual([...task.committedMiners].sort());
    }
    expect(results.every((row) => row.result.length > 0 && row.resultHash?.startsWith("0x"))).toBe(
      true,
    );
  });

  it("reports both chains in _meta, indexed to the head, without errors", async () => {
    const heads = await devnet.heads();
    const data = await graphql<{
      _meta: {
        chains: {
          chainId: number;
          headBlock: string;
          latestBlock: { number: string; hash: string };
          hasIndexingErrors: boolean;
        }[];
      };
    }>(
      app,
      "{ _meta { chains { chainId headBlock latestBlock { number hash timestamp } hasIndexingErrors } } }",
    );
    for (const chain of data._meta.chains) {
      expect(chain.hasIndexingErrors).toBe(false);
      expect(BigInt(chain.latestBlock.number)).toBe(heads.get(chain.chainId));
      expect(chain.latestBlock.hash).toMatch(/^0x[0-9a-f]{64}$/);
    }
    expect(data._meta.chains.map((chain) => chain.chainId).sort()).toEqual([31337, 31338]);
  });
});
