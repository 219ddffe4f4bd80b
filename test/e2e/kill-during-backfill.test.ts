import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { chainCheckpoints, events, sessions, tasks } from "../../src/db/schema/index.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import { chainLeasesHeld } from "../fixtures/chain-leases.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { isIndexedToHeads } from "../fixtures/indexed-to-heads.ts";
import { type TestDatabase, TestDatabases } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** The devnet network file pointed at the test chains, one block per eth_getLogs: a long backfill. */
function writeSlowBackfillNetwork(devnet: TestDevnet): string {
  const file = JSON.parse(readFileSync(devnet.network.source, "utf8"));
  for (const chain of file.chains) {
    chain.rpcUrls = [devnet.rpcEnv[`RPC_URL_${chain.chainId}`]];
    chain.maxBlockRange = 1;
    chain.pollingIntervalMs = 50;
  }
  const path = join(mkdtempSync(join(tmpdir(), "network-")), "devnet-slow.json");
  writeFileSync(path, JSON.stringify(file));
  return path;
}

async function dumpIndex(database: DatabaseHandle) {
  const { db } = database;
  const checkpoints = await db
    .select()
    .from(chainCheckpoints)
    .orderBy(asc(chainCheckpoints.chainId));
  return {
    events: await db
      .select()
      .from(events)
      .orderBy(asc(events.chainId), asc(events.blockNumber), asc(events.logIndex)),
    sessions: await db
      .select()
      .from(sessions)
      .orderBy(asc(sessions.chainId), asc(sessions.sessionId)),
    tasks: await db
      .select()
      .from(tasks)
      .orderBy(asc(tasks.chainId), asc(tasks.sessionId), asc(tasks.taskId)),
    // Wall-clock columns differ between runs by nature; everything else must not.
    checkpoints: checkpoints.map(({ updatedAt, caughtUpAt, lastErrorAt, ...rest }) => rest),
  };
}

describe("a worker killed or frozen mid-backfill", () => {
  let devnet: TestDevnet;
  let networkFile: string;
  let heads: Map<number, bigint>;
  let truths: GroundTruth[];
  const databases = new TestDatabases();
  /** Every worker started, so that a failing test leaves none running. */
  const processes: CliProcess[] = [];

  beforeAll(async () => {
    // One transaction per block: hundreds of blocks to backfill one at a time.
    devnet = await startTestDevnet({
      rounds: 3,
      sessionsPerRound: 3,
      tasksPerSession: 3,
      seed: 11,
      blockPerWave: false,
    });
    truths = await devnet.simulate();
    heads = await devnet.heads();
    networkFile = writeSlowBackfillNetwork(devnet);
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop("SIGKILL")));
    await devnet?.stop();
    await databases.dropAll();
  });

  async function runWorker(database: TestDatabase, prefix: string) {
    const worker = spawnCli(["worker", "--network", networkFile], {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    processes.push(worker);
    return worker;
  }

  /** The index of one worker that nothing interrupts: what every other run must end with. */
  let reference: Promise<Awaited<ReturnType<typeof dumpIndex>>> | undefined;
  function referenceIndex() {
    reference ??= (async () => {
      const database = await databases.create("ref");
      const worker = await runWorker(database, uniqueQueuePrefix("ref"));
      await waitFor(
        "the uninterrupted run",
        () => isIndexedToHeads(database.handle.db, heads),
        150_000,
      );
      await worker.stop();
      return dumpIndex(database.handle);
    })();
    return reference;
  }

  /** Waits until the L2's checkpoint is a quarter of the way to its head; returns it. */
  function waitForQuarterWay(database: TestDatabase) {
    const [l2Head] = [...heads.values()] as [bigint];
    return waitFor(
      "the backfill to be part-way",
      async () => {
        const checkpoint = await readCheckpoint(database.handle.db, 31337);
        return checkpoint && checkpoint.lastIndexedBlock > l2Head / 4n
          ? checkpoint.lastIndexedBlock
          : null;
      },
      90_000,
      10,
    );
  }

  it("ends with the same database as an uninterrupted run after kill -9 and a restart", async () => {
    for (const head of heads.values()) expect(head).toBeGreaterThan(100n);
    const expected = await referenceIndex();

    const crashed = await databases.create("kill");
    const prefix = uniqueQueuePrefix("kill");
    const victim = await runWorker(crashed, prefix);
    const killedAt = await waitForQuarterWay(crashed);
    await victim.stop("SIGKILL");
    expect(killedAt).toBeLessThan([...heads.values()][0] as bigint);
    expect(await isIndexedToHeads(crashed.handle.db, heads)).toBe(false);

    const restarted = await runWorker(crashed, prefix);
    await waitFor("the restarted run", () => isIndexedToHeads(crashed.handle.db, heads), 150_000);
    await restarted.stop();

    const recovered = await dumpIndex(crashed.handle);
    expect(recovered).toEqual(expected);
    for (const truth of truths) {
      const chainTasks = recovered.tasks.filter((task) => task.chainId === truth.chainId);
      expect(chainTasks).toHaveLength(truth.counts.tasks);
    }
  }, 400_000);

  it("moves the chains of a frozen worker to another one, and the thawed worker carries on", async () => {
    const expected = await referenceIndex();
    const database = await databases.create("frozen");
    const prefix = uniqueQueuePrefix("frozen");
    const frozen = await runWorker(database, prefix);
    await waitForQuarterWay(database);
    // Frozen while it holds a chain's lease (between two jobs it holds none: thaw and try again).
    await waitFor(
      "the worker to freeze holding a lease",
      async () => {
        frozen.child.kill("SIGSTOP");
        if ((await chainLeasesHeld(database.handle, [31337, 31338])) > 0) return true;
        frozen.child.kill("SIGCONT");
        return false;
      },
      30_000,
      50,
    );

    const other = await runWorker(database, prefix);
    await waitFor(
      "the other worker to finish",
      () => isIndexedToHeads(database.handle.db, heads),
      150_000,
    );
    frozen.child.kill("SIGCONT");
    // Awake again, its lease and batch gone: it notices, and neither dies nor writes anything wrong.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(frozen.child.exitCode).toBeNull();
    await frozen.stop();
    // And it still shuts down cleanly (within the shutdown deadline), every job settled: a
    // lease whose session was ended used to strand its pool, and the jobs waiting on it.
    expect(frozen.child.exitCode, frozen.output().slice(-3000)).toBe(0);
    expect(frozen.output()).not.toContain("left to other workers");
    // Its jobs lost their queue locks while it was frozen: told as such, Redis being up.
    expect(frozen.output()).not.toContain("Redis unavailable");
    await other.stop();
    expect(await dumpIndex(database.handle)).toEqual(expected);
  }, 400_000);
});
