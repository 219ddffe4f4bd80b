import { asc } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, taskAssignments, tasks } from "../../src/db/schema/index.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import { type SyncWorkers, startSyncWorkers } from "../../src/sync/start-sync-workers.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { type FaultProxy, startFaultProxy } from "../fixtures/fault-proxy.ts";
import { waitForIndexedTo } from "../fixtures/indexed-to-heads.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

/**
 * Indexing through a proxy that fails a fifth of all requests (server errors, 429s, hangs,
 * truncated JSON, answers missing a log) ends with the same events and domain rows as the
 * chain's ground truth.
 */
describe("indexing through a hostile RPC", () => {
  let devnet: TestDevnet;
  let database: TestDatabase;
  let proxies: FaultProxy[] = [];
  let workers: SyncWorkers;
  let truths: GroundTruth[];

  beforeAll(async () => {
    devnet = await startTestDevnet({ rounds: 2, sessionsPerRound: 3, tasksPerSession: 3, seed: 3 });
    truths = await devnet.simulate();
    database = await createTestDatabase("hostile");
    proxies = await Promise.all(
      devnet.devnet.chains.map((chain, index) =>
        startFaultProxy(
          chain.url,
          {
            serverError: 0.05,
            rateLimited: 0.05,
            timeout: 0.02,
            truncated: 0.04,
            droppedLogs: 0.04,
          },
          { seed: 100 + index, hangMs: 2_000 },
        ),
      ),
    );
    const network = {
      ...devnet.network,
      chains: devnet.network.chains.map((chain, index) => ({
        ...chain,
        rpcUrls: [proxies[index]?.url as string],
        // Small ranges: many requests, so every kind of fault hits (a range's logs and its end
        // header travel in one JSON-RPC batch, so it takes ranges this small).
        maxBlockRange: 2,
        pollingIntervalMs: 50,
        // Every log query is asked twice and taken once two answers agree: a dropped log is
        // never taken (production samples a share of them, logCrossCheckRatio).
        logCrossCheckRatio: 1,
        // The last blocks go the realtime way: headers, then logs by block hash.
        finalityDepth: 8,
      })),
    };
    workers = await startSyncWorkers({
      network,
      database: database.handle,
      queue: new InProcessWorkQueue(),
      logger: pino({ level: "silent" }),
    });
    const heads = await devnet.heads();
    await waitForIndexedTo(
      database.handle.db,
      heads,
      "both chains indexed through the proxy",
      110_000,
    );
  });

  afterAll(async () => {
    await workers?.stop();
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await devnet?.stop();
    await database?.drop();
  });

  it("met every kind of fault", () => {
    for (const proxy of proxies) {
      expect(proxy.stats.serverError).toBeGreaterThan(0);
      expect(proxy.stats.rateLimited).toBeGreaterThan(0);
      expect(proxy.stats.timeout + proxy.stats.truncated).toBeGreaterThan(0);
      expect(proxy.stats.droppedLogs).toBeGreaterThan(0);
    }
  });

  it("stored every event the simulator emitted and the tasks it drove", async () => {
    const { db } = database.handle;
    const stored = await db.select().from(events).orderBy(asc(events.blockNumber));
    const storedTasks = await db.select().from(tasks);
    const assignments = await db.select().from(taskAssignments);
    for (const truth of truths) {
      const counts: Record<string, number> = {};
      for (const event of stored.filter((row) => row.chainId === truth.chainId)) {
        const key = `${event.contractKind}.${event.eventName}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      for (const [key, count] of Object.entries(truth.events)) expect(counts[key], key).toBe(count);
      const chainTasks = storedTasks.filter((task) => task.chainId === truth.chainId);
      expect(chainTasks).toHaveLength(truth.counts.tasks);
      for (const task of truth.tasks) {
        const row = chainTasks.find(
          (r) => r.sessionId === task.sessionId && r.taskId === task.taskId,
        );
        expect(row?.status).toBe(task.status);
      }
      const outcomes = assignments
        .filter((row) => row.chainId === truth.chainId)
        .map((row) => `${row.sessionId}:${row.taskId}:${row.miner}:${row.outcome}`)
        .sort();
      expect(outcomes).toEqual(
        truth.tasks
          .flatMap((task) =>
            task.assignments.map((a) => `${task.sessionId}:${task.taskId}:${a.miner}:${a.outcome}`),
          )
          .sort(),
      );
    }
  });
});
