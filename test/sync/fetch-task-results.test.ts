import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import type { ChainConfig } from "../../src/config/load-network.ts";
import { taskHistories, taskResultFetches, taskResults } from "../../src/db/schema/index.ts";
import { claimResultFetches } from "../../src/sync/task-results/claim-result-fetches.ts";
import {
  fetchPendingTaskResults,
  fetchTaskResultsUntil,
  MAX_RESULT_ATTEMPTS,
} from "../../src/sync/task-results/fetch-task-results.ts";
import { recordResultOutcomes } from "../../src/sync/task-results/record-result-outcomes.ts";
import { startTestAnvil, type TestAnvil } from "../fixtures/anvil.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { type SyntheticRpc, withSyntheticRpc } from "../fixtures/synthetic-rpc.ts";

/** An address with no code: every eth_call to it fails to decode. */
const NOT_A_CONTRACT = "0x000000000000000000000000000000000000dead";
/** The synthetic RPC answers every results call, whatever the address. */
const ANSWERING = "0x00000000000000000000000000000000000000aa";
/**
 * A contract the chain does not list: its reads take the first generation's ABI, whose call the
 * synthetic RPC reverts.
 */
const UNLISTED = "0x00000000000000000000000000000000000000bb";

describe("fetchPendingTaskResults", () => {
  let anvil: TestAnvil;
  let database: TestDatabase;
  let chain: ChainConfig;

  beforeAll(async () => {
    anvil = await startTestAnvil();
    database = await createTestDatabase("results");
    chain = {
      name: "l2",
      layer: "L2",
      chainId: anvil.chainId,
      rpcUrls: [anvil.url],
      finalityDepth: 0,
      pollingIntervalMs: 100,
      maxBlockRange: 100,
      contracts: [{ kind: "SessionQueueV2", abi: "gen3", address: NOT_A_CONTRACT, startBlock: 0n }],
      unresolved: [],
    };
  });
  afterAll(async () => {
    await anvil?.stop();
    await database?.drop();
  });

  /** A chain `chainId` served by the synthetic RPC, its results contract at ANSWERING. */
  const servedBy = (rpc: SyntheticRpc, chainId: number): ChainConfig => ({
    ...chain,
    chainId,
    rpcUrls: [rpc.url],
    contracts: [{ kind: "SessionQueueV2", abi: "gen3", address: ANSWERING, startBlock: 0n }],
  });

  it("retries a failing read, then marks it FAILED with the error, never silently empty", async () => {
    const { db } = database.handle;
    await db.insert(taskResultFetches).values([
      {
        chainId: chain.chainId,
        sessionId: "1",
        taskId: "0",
        contractAddress: NOT_A_CONTRACT,
        blockNumber: 0n,
      },
      // A fetch already done is the cache: it is never read again.
      {
        chainId: chain.chainId,
        sessionId: "1",
        taskId: "1",
        contractAddress: NOT_A_CONTRACT,
        blockNumber: 0n,
        status: "DONE",
        attempts: 1,
      },
    ]);
    const client = createChainClient(chain);
    for (let round = 1; round <= MAX_RESULT_ATTEMPTS + 1; round++) {
      await fetchPendingTaskResults(db, client, chain);
    }
    const fetches = await db.select().from(taskResultFetches);
    expect(fetches.find((fetch) => fetch.taskId === "0")).toMatchObject({
      status: "FAILED",
      attempts: MAX_RESULT_ATTEMPTS,
      lastError: expect.stringMatching(/.+/),
    });
    expect(fetches.find((fetch) => fetch.taskId === "1")).toMatchObject({
      status: "DONE",
      attempts: 1,
    });
    expect(await db.select().from(taskResults)).toEqual([]);
  });

  it("stores a failed read's error without the provider's API key", async () => {
    const { db } = database.handle;
    // Nothing listens on port 9: every read fails with viem's HTTP error, which names the URL.
    const keyed: ChainConfig = {
      ...chain,
      chainId: 778,
      rpcUrls: ["http://127.0.0.1:9/v2/SECRET-API-KEY"],
    };
    await db.insert(taskResultFetches).values({
      chainId: keyed.chainId,
      sessionId: "1",
      taskId: "0",
      contractAddress: NOT_A_CONTRACT,
      blockNumber: 0n,
    });
    const round = await fetchPendingTaskResults(
      db,
      createChainClient(keyed, { retryCount: 0 }),
      keyed,
    );
    expect(round).toEqual({ fetched: 0, failed: 1 });
    const [fetch] = (await db.select().from(taskResultFetches)).filter(
      (row) => row.chainId === keyed.chainId,
    );
    // The error names the provider (its origin) and why, never its key.
    expect(fetch?.lastError).toContain("http://127.0.0.1:9/…");
    expect(fetch?.lastError).toContain("HTTP request failed");
    expect(fetch?.lastError).not.toContain("SECRET-API-KEY");
  });

  it("drains a backlog larger than a round within one job, and stops at a failing round", () =>
    withSyntheticRpc({ minEvents: 2_000, seed: 4 }, async (rpc) => {
      const { db } = database.handle;
      const answering = servedBy(rpc, 777);
      // Several rounds' worth: the job runs rounds side by side, and none may read a task twice.
      const backlog = Array.from({ length: 450 }, (_, task) => ({
        chainId: answering.chainId,
        sessionId: "1",
        taskId: String(task),
        contractAddress: ANSWERING,
        blockNumber: 0n,
      }));
      await db.insert(taskResultFetches).values(backlog);
      const round = await fetchTaskResultsUntil(
        db,
        createChainClient(answering),
        answering,
        Date.now() + 30_000,
      );
      expect(round).toEqual({ fetched: backlog.length, failed: 0 });
      expect(rpc.stats.calls.eth_call).toBe(backlog.length);
      const drained = (await db.select().from(taskResultFetches)).filter(
        (fetch) => fetch.chainId === answering.chainId,
      );
      expect(drained).toHaveLength(backlog.length);
      for (const fetch of drained) {
        expect(fetch).toMatchObject({ status: "DONE", attempts: 1, lastError: null });
      }
      const expectedResults = backlog.reduce(
        (sum, fetch) => sum + rpc.chain.taskEndedMiners(1n, BigInt(fetch.taskId)).length,
        0,
      );
      expect(expectedResults).toBeGreaterThan(0);
      const results = await db.select().from(taskResults);
      expect(results.filter((row) => row.chainId === answering.chainId)).toHaveLength(
        expectedResults,
      );

      // A provider that fails: one round, one attempt each, the rest left to later jobs.
      await db.insert(taskResultFetches).values(
        Array.from({ length: 60 }, (_, task) => ({
          chainId: chain.chainId,
          sessionId: "2",
          taskId: String(task),
          contractAddress: NOT_A_CONTRACT,
          blockNumber: 0n,
        })),
      );
      const failing = await fetchTaskResultsUntil(
        db,
        createChainClient(chain),
        chain,
        Date.now() + 30_000,
      );
      expect(failing.failed).toBeGreaterThan(0);
      const attempts = (await db.select().from(taskResultFetches))
        .filter((fetch) => fetch.sessionId === "2")
        .map((fetch) => fetch.attempts);
      expect(Math.max(...attempts)).toBe(1);
    }));

  it("writes a round that mixes successes and failures: each fetch gets its own outcome", () =>
    withSyntheticRpc({ minEvents: 2_000, seed: 5 }, async (rpc) => {
      const { db } = database.handle;
      const mixed = servedBy(rpc, 779);
      const fetchOf = (task: number, contractAddress: string) => ({
        chainId: mixed.chainId,
        sessionId: "1",
        taskId: String(task),
        contractAddress,
        blockNumber: 0n,
      });
      const answered = [0, 2, 3, 5];
      const reverted = [1, 4];
      // Task 4 fails for the last time: failures written together still count per fetch.
      const lastTry = 4;
      await db.insert(taskResultFetches).values([
        ...answered.map((task) => fetchOf(task, ANSWERING)),
        ...reverted.map((task) => ({
          ...fetchOf(task, UNLISTED),
          attempts: task === lastTry ? MAX_RESULT_ATTEMPTS - 1 : 0,
        })),
      ]);

      const round = await fetchPendingTaskResults(
        db,
        createChainClient(mixed, { retryCount: 0 }),
        mixed,
      );

      expect(round).toEqual({ fetched: answered.length, failed: reverted.length });
      const fetches = (await db.select().from(taskResultFetches)).filter(
        (fetch) => fetch.chainId === mixed.chainId,
      );
      const statusOf = (task: number) => fetches.find((fetch) => fetch.taskId === String(task));
      for (const task of answered) {
        expect(statusOf(task)).toMatchObject({ status: "DONE", attempts: 1, lastError: null });
      }
      expect(statusOf(1)).toMatchObject({
        status: "PENDING",
        attempts: 1,
        lastError: expect.stringContaining("revert"),
      });
      expect(statusOf(lastTry)).toMatchObject({
        status: "FAILED",
        attempts: MAX_RESULT_ATTEMPTS,
        lastError: expect.stringContaining("revert"),
      });
      // Results only of the answered tasks, every miner's.
      const results = (await db.select().from(taskResults)).filter(
        (row) => row.chainId === mixed.chainId,
      );
      const resultTasks = new Set(results.map((row) => Number(row.taskId)));
      expect([...resultTasks].sort()).toEqual(
        answered.filter((task) => rpc.chain.taskEndedMiners(1n, BigInt(task)).length > 0),
      );
      expect(results).toHaveLength(
        answered.reduce((sum, task) => sum + rpc.chain.taskEndedMiners(1n, BigInt(task)).length, 0),
      );
      // The histories of the round's tasks say the same.
      const histories = (await db.select().from(taskHistories)).filter(
        (row) => row.chainId === mixed.chainId,
      );
      expect(
        Object.fromEntries(histories.map((row) => [row.taskId, row.resultFetchStatus])),
      ).toEqual(
        Object.fromEntries([
          ...answered.map((task) => [String(task), "DONE"]),
          ["1", "PENDING"],
          [String(lastTry), "FAILED"],
        ]),
      );
    }));

  /** `count` pending fetches of chain `chainId`, session 1, tasks 0…count-1, read from ANSWERING. */
  const insertPending = async (chainId: number, count: number) => {
    await database.handle.db.insert(taskResultFetches).values(
      Array.from({ length: count }, (_, task) => ({
        chainId,
        sessionId: "1",
        taskId: String(task),
        contractAddress: ANSWERING,
        blockNumber: 0n,
      })),
    );
  };
  const fetchesOf = async (chainId: number) =>
    (await database.handle.db.select().from(taskResultFetches)).filter(
      (fetch) => fetch.chainId === chainId,
    );

  it("holds no transaction open while a round's calls wait for the provider", () =>
    withSyntheticRpc({ minEvents: 2_000, seed: 6, latencyMs: 600 }, async (rpc) => {
      const { db } = database.handle;
      const distant = servedBy(rpc, 780);
      await insertPending(distant.chainId, 10);
      let settled = false;
      const round = fetchPendingTaskResults(db, createChainClient(distant), distant).finally(() => {
        settled = true;
      });
      // Sampled through the whole round: a transaction left open across the calls would be
      // ~600 ms old (holding its locks and its connection); the claim's and the write's take ms.
      let oldestTransactionMs = 0;
      while (!settled) {
        const [sample] = (await db.execute(sql`
          select coalesce(max(extract(epoch from clock_timestamp() - xact_start) * 1000), 0)::float8 as ms
          from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`)) as unknown as {
          ms: number;
        }[];
        oldestTransactionMs = Math.max(oldestTransactionMs, sample?.ms ?? 0);
        await sleep(25);
      }
      expect(await round).toEqual({ fetched: 10, failed: 0 });
      expect(oldestTransactionMs).toBeLessThan(400);
    }));

  it("reads a fetch claimed by a worker that died once the claim runs out, and only then", () =>
    withSyntheticRpc({ minEvents: 2_000, seed: 7 }, async (rpc) => {
      const { db } = database.handle;
      const served = servedBy(rpc, 781);
      await insertPending(served.chainId, 3);
      const dead = await claimResultFetches(db, served.chainId, {
        token: "worker-that-died",
        limit: 2,
        leaseMs: 1_500,
      });
      expect(dead.map((fetch) => fetch.taskId).sort()).toEqual(["0", "1"]);
      const client = createChainClient(served);

      // While the claim lasts, another round takes only the unclaimed fetch.
      expect(await fetchPendingTaskResults(db, client, served)).toEqual({ fetched: 1, failed: 0 });
      expect(rpc.stats.calls.eth_call).toBe(1);
      await sleep(1_600);
      expect(await fetchPendingTaskResults(db, client, served)).toEqual({ fetched: 2, failed: 0 });
      for (const fetch of await fetchesOf(served.chainId)) {
        expect(fetch).toMatchObject({ status: "DONE", attempts: 1, claimedBy: null });
      }
    }));

  it("keeps its claim while its calls outlast the lease: no other worker reads those tasks", () =>
    withSyntheticRpc({ minEvents: 2_000, seed: 9, latencyMs: 1_500 }, async (rpc) => {
      const { db } = database.handle;
      const served = servedBy(rpc, 783);
      await insertPending(served.chainId, 3);
      const round = fetchPendingTaskResults(db, createChainClient(served), served, {
        leaseMs: 600,
      });
      // Past the lease, with the round's calls still out: renewed, the claim still holds.
      await sleep(1_000);
      const taken = await claimResultFetches(db, served.chainId, { token: "other", limit: 10 });
      expect(taken).toEqual([]);
      // The claim names the process that holds it.
      for (const fetch of await fetchesOf(served.chainId)) {
        expect(fetch.claimedBy?.startsWith(`${hostname()}/${process.pid}/`)).toBe(true);
      }
      expect(await round).toEqual({ fetched: 3, failed: 0 });
      expect(rpc.stats.calls.eth_call).toBe(3);
      for (const fetch of await fetchesOf(served.chainId)) {
        expect(fetch).toMatchObject({ status: "DONE", attempts: 1, claimedBy: null });
      }
    }));

  it("drops the outcome of a round whose claim another worker took over", () =>
    withSyntheticRpc({ minEvents: 2_000, seed: 8 }, async (rpc) => {
      const { db } = database.handle;
      const served = servedBy(rpc, 782);
      await insertPending(served.chainId, 1);
      // A round stalls past its claim (leaseMs 0: over at once), another reads the task …
      const stalled = await claimResultFetches(db, served.chainId, {
        token: "stalled-round",
        limit: 1,
        leaseMs: 0,
      });
      expect(stalled).toHaveLength(1);
      await sleep(5);
      const client = createChainClient(served);
      expect(await fetchPendingTaskResults(db, client, served)).toEqual({ fetched: 1, failed: 0 });
      const [read] = await fetchesOf(served.chainId);

      // … and the stalled round's late failure changes nothing.
      const late = await recordResultOutcomes(db, served, "stalled-round", stalled, [
        { status: "rejected", reason: new Error("timed out") },
      ]);
      expect(late).toEqual({ fetched: 0, failed: 0 });
      expect(await fetchesOf(served.chainId)).toEqual([read]);
      expect(read).toMatchObject({ status: "DONE", attempts: 1, lastError: null });
      const results = (await db.select().from(taskResults)).filter(
        (row) => row.chainId === served.chainId,
      );
      expect(results).toHaveLength(rpc.chain.taskEndedMiners(1n, 0n).length);
    }));
});
