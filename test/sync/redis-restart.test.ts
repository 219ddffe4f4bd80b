import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { resultReadsSettled, waitForIndexedTo } from "../fixtures/indexed-to-heads.ts";
import { type OwnedRedis, startOwnedRedis } from "../fixtures/owned-redis.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { tableDigests } from "../fixtures/table-digests.ts";
import { waitFor } from "../fixtures/wait-for.ts";

let redis: OwnedRedis;
let devnet: TestDevnet;
let database: TestDatabase;
let reference: TestDatabase;
const workers: CliProcess[] = [];

/** Starts a worker on `target`, through the owned Redis, and waits for it to begin indexing. */
async function startWorker(target: TestDatabase, prefix: string): Promise<CliProcess> {
  const worker = spawnCli(["worker"], {
    ...devnet.rpcEnv,
    DATABASE_URL: target.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
  });
  workers.push(worker);
  await waitFor("the worker to start indexing", async () => {
    for (const chain of devnet.network.chains) {
      const checkpoint = await readCheckpoint(target.handle.db, chain.chainId);
      if (!checkpoint || checkpoint.lastIndexedBlock < checkpoint.startBlock) return false;
    }
    return true;
  });
  return worker;
}

/** Waits until `target` is indexed to `heads` with every ended task's results read. */
async function indexedWithResults(target: TestDatabase, heads: Map<number, bigint>, what: string) {
  await waitForIndexedTo(target.handle.db, heads, what);
  await waitFor(`${what}: task results`, () => resultReadsSettled(target.handle.db));
}

beforeAll(async () => {
  redis = await startOwnedRedis();
  devnet = await startTestDevnet({ rounds: 2, seed: 23 });
  await devnet.simulate();
  database = await createTestDatabase("redisrestart");
  reference = await createTestDatabase("redisrestart_ref");
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
  await redis?.destroy();
  await devnet?.stop();
  await database?.drop();
  await reference?.drop();
}, 60_000);

describe("Redis restarted empty in the middle of a run", () => {
  it("the worker schedules its jobs again and the index ends as without the restart", async () => {
    const worker = await startWorker(database, "redisrestart");
    await redis.crash();
    await sleep(1_500);
    await redis.start();

    // Blocks that appear after the restart must be indexed too.
    await devnet.mine(10);
    const heads = await devnet.heads();
    await indexedWithResults(database, heads, "every chain indexed to its head").catch((error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.output().slice(-3000)}`);
    });
    expect(worker.child.exitCode, worker.output()).toBeNull();
    expect(worker.output()).toContain("a repeating job would not have run again: rescheduled");
    // The outage is told in the structured log, once, not as stack traces on the console.
    const lines = worker.output().split("\n").filter(Boolean);
    expect(lines.filter((line) => !line.startsWith("{"))).toEqual([]);
    expect(lines.filter((line) => line.includes("work queue: Redis unavailable"))).toHaveLength(1);

    // The same chains indexed by a worker that saw no restart.
    await worker.stop();
    const control = await startWorker(reference, "redisrestart_ref");
    await indexedWithResults(reference, heads, "the reference indexed to the heads");
    await control.stop();
    const options = { schemas: ["public"], ignoreWallClock: true };
    const expected = await tableDigests(reference.handle, options);
    const actual = await tableDigests(database.handle, options);
    // Bookkeeping of when and in which batches it happened (the restarted run indexed the chains
    // in two stretches, the reference in one); every indexed row must be identical.
    for (const table of ["public.chain_checkpoints", "public.indexed_batches"]) {
      expected.delete(table);
      actual.delete(table);
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  }, 240_000);
});
