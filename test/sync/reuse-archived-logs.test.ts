import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Indexing, startIndexing } from "../../src/cli/commands/worker.ts";
import { openPhaseRuntime } from "../../src/cli/runtime.ts";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import type { Database } from "../../src/db/client.ts";
import { events } from "../../src/db/schema/index.ts";
import { performReset } from "../../src/reset/perform-reset.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { waitForIndexedTo } from "../fixtures/indexed-to-heads.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";
import { testRuntime } from "../reset/fixtures.ts";

let devnet: TestDevnet;
let database: TestDatabase;
let indexing: Indexing | undefined;

function eventKeys(db: Database) {
  return db
    .select({ chainId: events.chainId, block: events.blockNumber, index: events.logIndex })
    .from(events)
    .orderBy(events.chainId, events.blockNumber, events.logIndex);
}

beforeAll(async () => {
  devnet = await startTestDevnet({ rounds: 1 });
  await devnet.simulate();
  database = await createTestDatabase("reuse");
}, 120_000);

afterAll(async () => {
  await indexing?.workers.stop();
  await indexing?.phases.close();
  await devnet?.stop();
  await database?.drop();
});

describe("a new phase inside what an archived phase fetched", () => {
  it("indexes from the archived phase's stored logs, without the RPC", async () => {
    const runtime = testRuntime({
      databaseUrl: database.url,
      queuePrefix: uniqueQueuePrefix("reuse"),
      network: devnet.network,
      rpcEnv: devnet.rpcEnv,
      phase: "before",
    });
    const heads = await devnet.heads();
    indexing = await startIndexing(runtime, database.handle, openPhaseRuntime(database.handle));
    await waitForIndexedTo(database.handle.db, heads, "the first phase indexed");
    await indexing.workers.stop();
    await indexing.phases.close();
    indexing = undefined;
    const archivedEvents = await eventKeys(database.handle.db);

    // The chains are gone: whatever the new phase indexes now cannot come from an RPC.
    await devnet.stop();
    const middle = new Map([...heads].map(([chainId, head]) => [chainId, head / 2n]));
    const { reset } = await performReset(
      { database: database.handle, logger: pino({ level: "silent" }) },
      { phase: "after", network: "devnet", startBlocks: middle, requestedBy: "test" },
    );
    expect(reset.state).toBe("completed");

    indexing = await startIndexing(runtime, database.handle, openPhaseRuntime(database.handle));
    const after = await indexing.phases.resolve("after");
    await waitForIndexedTo(after.database.db, heads, "the new phase indexed from the archive");

    const expected = archivedEvents.filter(
      (event) => event.block >= (middle.get(event.chainId) ?? 0n),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await eventKeys(after.database.db)).toEqual(expected);
    // The RPC is asked (and fails) only once the archive is used up.
    for (const [chainId] of heads) {
      await waitFor("the RPC failure to be recorded", async () => {
        const checkpoint = await readCheckpoint(after.database.db, chainId);
        return checkpoint?.lastError;
      });
    }
  }, 120_000);
});
