import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import { taskResultFetches } from "../../src/db/schema/index.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { isIndexedToHeads, resultReadsSettled } from "../fixtures/indexed-to-heads.ts";
import { type TestDatabase, TestDatabases } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { tableDigests } from "../fixtures/table-digests.ts";
import { waitFor } from "../fixtures/wait-for.ts";

let devnet: TestDevnet;
let heads: Map<number, bigint>;
const databases = new TestDatabases();
const workers: CliProcess[] = [];

/** Starts `count` worker processes on one fresh database and one queue. */
async function startWorkers(count: number) {
  const database = await databases.create("workers");
  const env = {
    ...devnet.rpcEnv,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: uniqueQueuePrefix("workers"),
  };
  const started = Array.from({ length: count }, () => spawnCli(["worker"], env));
  workers.push(...started);
  return { database, workers: started };
}

/** Where each chain stands and how many results are pending: what a timeout reports. */
async function positions(database: TestDatabase): Promise<string> {
  const chains: string[] = [];
  for (const [chainId, head] of heads) {
    const checkpoint = await readCheckpoint(database.handle.db, chainId);
    chains.push(`chain ${chainId} at ${checkpoint?.lastIndexedBlock ?? "none"} of ${head}`);
  }
  const pending = await database.handle.db
    .select({ status: taskResultFetches.status })
    .from(taskResultFetches)
    .where(eq(taskResultFetches.status, "PENDING"));
  return `${chains.join(", ")}, ${pending.length} results pending`;
}

/** The last five error lines (pino level 50 and up) in the workers' output, latest first. */
const workerErrors = (started: readonly CliProcess[]) =>
  started
    .flatMap((worker, i) =>
      worker
        .output()
        .split("\n")
        .filter((line) => /"level":(5|6)\d/.test(line))
        .map((line) => `worker ${i}: ${line}`),
    )
    .slice(-5)
    .reverse();

/**
 * Every chain indexed to its head and every ended task's result read by `started`. A timeout
 * says where the chains stopped and what the workers last logged as errors.
 */
async function indexedToHeads(database: TestDatabase, started: readonly CliProcess[]) {
  try {
    await waitFor(
      "every chain indexed to its head, with task results",
      async () => {
        if (!(await isIndexedToHeads(database.handle.db, heads))) return false;
        return resultReadsSettled(database.handle.db);
      },
      120_000,
    );
  } catch (error) {
    const context = [await positions(database), ...workerErrors(started)].join("\n");
    throw new Error(`${(error as Error).message}\n${context}`);
  }
}

beforeAll(async () => {
  devnet = await startTestDevnet({ rounds: 3, seed: 11 });
  await devnet.simulate();
  heads = await devnet.heads();
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
  await devnet?.stop();
  await databases.dropAll();
}, 60_000);

describe("scaling out the workers", () => {
  it("ends with the same database from three workers, one killed mid-run, as from one", async () => {
    const single = await startWorkers(1);
    await indexedToHeads(single.database, single.workers);
    await Promise.all(single.workers.map((worker) => worker.stop()));

    const three = await startWorkers(3);
    // Kill one as soon as indexing has begun: the others must finish without gap or duplicate.
    await waitFor("indexing to begin", async () => {
      for (const [chainId] of heads) {
        const checkpoint = await readCheckpoint(three.database.handle.db, chainId);
        if (checkpoint && checkpoint.lastIndexedBlock >= checkpoint.startBlock) return true;
      }
      return false;
    });
    await three.workers[0]?.stop("SIGKILL");
    await indexedToHeads(three.database, three.workers);
    await Promise.all(three.workers.map((worker) => worker.stop()));

    const options = { schemas: ["public"], ignoreWallClock: true };
    const expected = await tableDigests(single.database.handle, options);
    const actual = await tableDigests(three.database.handle, options);
    expect(expected.size).toBeGreaterThan(20);
    // Head and error bookkeeping depend on timing; every indexed row must be identical.
    expected.delete("public.chain_checkpoints");
    actual.delete("public.chain_checkpoints");
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  }, 240_000);
});
