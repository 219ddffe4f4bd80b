import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { chainCheckpoints, events, sessions, tasks } from "../../src/db/schema/index.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
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

describe("kill -9 during backfill, then restart", () => {
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

  it("ends with the same database as an uninterrupted run", async () => {
    for (const head of heads.values()) expect(head).toBeGreaterThan(100n);

    const reference = await databases.create("ref");
    const uninterrupted = await runWorker(reference, uniqueQueuePrefix("ref"));
    await waitFor(
      "the uninterrupted run",
      () => isIndexedToHeads(reference.handle.db, heads),
      150_000,
    );
    await uninterrupted.stop();

    const crashed = await databases.create("kill");
    const prefix = uniqueQueuePrefix("kill");
    const victim = await runWorker(crashed, prefix);
    const [l2Head] = [...heads.values()] as [bigint];
    const killedAt = await waitFor(
      "the backfill to be part-way",
      async () => {
        const checkpoint = await readCheckpoint(crashed.handle.db, 31337);
        return checkpoint && checkpoint.lastIndexedBlock > l2Head / 4n
          ? checkpoint.lastIndexedBlock
          : null;
      },
      90_000,
      10,
    );
    await victim.stop("SIGKILL");
    expect(killedAt).toBeLessThan(l2Head);
    expect(await isIndexedToHeads(crashed.handle.db, heads)).toBe(false);

    const restarted = await runWorker(crashed, prefix);
    await waitFor("the restarted run", () => isIndexedToHeads(crashed.handle.db, heads), 150_000);
    await restarted.stop();

    const recovered = await dumpIndex(crashed.handle);
    expect(recovered).toEqual(await dumpIndex(reference.handle));
    for (const truth of truths) {
      const chainTasks = recovered.tasks.filter((task) => task.chainId === truth.chainId);
      expect(chainTasks).toHaveLength(truth.counts.tasks);
    }
  }, 400_000);
});
