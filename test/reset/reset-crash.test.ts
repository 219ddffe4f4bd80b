import { once } from "node:events";
import { Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIndexing } from "../../src/cli/commands/worker.ts";
import { openPhaseRuntime } from "../../src/cli/runtime.ts";
import { spawnCli } from "../fixtures/cli-process.ts";
import { startTestDevnet } from "../fixtures/devnet.ts";
import { waitForIndexedTo } from "../fixtures/indexed-to-heads.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { tableDigests } from "../fixtures/table-digests.ts";
import { testRuntime } from "./fixtures.ts";

/** The journaled steps after which the reset process is killed. */
const STEPS = ["requested", "paused", "prepared", "cut-over"] as const;

let database: TestDatabase;
let queuePrefix: string;
let redis: Redis;
let queue: Queue;

async function journalState(phase: string): Promise<string | undefined> {
  const [row] = await database.handle.rows<{ state: string }>(
    sql`select state from cortensor.phase_resets where phase_id = ${phase}`,
  );
  return row?.state;
}

function resetCli(phase: string, extraEnv: Record<string, string> = {}) {
  return spawnCli(["reset", "--phase", phase, "--network", "devnet", "--start-block", "31337=3"], {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    ...extraEnv,
  });
}

beforeAll(async () => {
  const devnet = await startTestDevnet({ rounds: 1 });
  try {
    await devnet.simulate();
    database = await createTestDatabase("resetcrash");
    queuePrefix = uniqueQueuePrefix("resetcrash");
    const runtime = testRuntime({
      databaseUrl: database.url,
      queuePrefix,
      network: devnet.network,
      rpcEnv: devnet.rpcEnv,
      phase: "phase-a",
    });
    const indexing = await startIndexing(
      runtime,
      database.handle,
      openPhaseRuntime(database.handle),
    );
    await waitForIndexedTo(database.handle.db, await devnet.heads(), "phase A indexed");
    await indexing.workers.stop();
    await indexing.phases.close();
  } finally {
    await devnet.stop();
  }
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue("cortensor-indexer", { connection: redis, prefix: queuePrefix });
}, 180_000);

afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
  await database?.drop();
});

describe("a reset killed (SIGKILL) after each step", () => {
  for (const step of STEPS) {
    it(`completes on the next start after a crash at "${step}", losing no row of any phase`, async () => {
      const phase = `after-${step}`;
      const before = await tableDigests(database.handle);
      expect(before.size).toBeGreaterThan(20);

      const crashed = resetCli(phase, { CORTENSOR_FAULT_KILL_AFTER_RESET_STEP: step });
      const [, signal] = await once(crashed.child, "exit");
      expect(signal, crashed.output()).toBe("SIGKILL");
      expect(await journalState(phase)).toBe(step);
      if (step === "paused" || step === "prepared") expect(await queue.isPaused()).toBe(true);

      const restarted = resetCli(phase);
      let stdout = "";
      restarted.child.stdout?.on("data", (chunk) => {
        stdout += chunk;
      });
      const [code] = await once(restarted.child, "exit");
      expect(code, restarted.output()).toBe(0);
      const output = JSON.parse(stdout);
      expect(output).toMatchObject({ created: false, reset: { phase, state: "completed" } });

      // Every row of every earlier phase is still there, unchanged.
      const after = await tableDigests(database.handle);
      for (const [table, digest] of before) expect(after.get(table), table).toBe(digest);
      // The new phase has its own tables, and the workers are no longer paused.
      const [schema] = await database.handle.rows<{ schema_name: string; n: number }>(sql`
        select p.schema_name, (select count(*)::int from information_schema.tables t
          where t.table_schema = p.schema_name) as n
        from cortensor.phases p where p.id = ${phase}`);
      expect(schema?.n).toBeGreaterThan(20);
      expect(await queue.isPaused()).toBe(false);
      const flags = await database.handle.rows<{ id: string; status: string; serving: boolean }>(
        sql`select id, status, serving from cortensor.phases where status <> 'archived' or serving`,
      );
      expect(flags).toEqual([{ id: phase, status: "indexing", serving: true }]);
    }, 60_000);
  }
});
