import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCheckpoint, readCheckpoint } from "../../src/db/checkpoints.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { chainCheckpoints, events, sessions, tasks } from "../../src/db/schema/index.ts";
import type { DecodedLog } from "../../src/decode/decode-log.ts";
import { CheckpointMovedError } from "../../src/sync/errors.ts";
import { indexBlockRange } from "../../src/sync/index-block-range.ts";
import { decodedEvent } from "../fixtures/abi-samples.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

const miners = [
  "0x00000000000000000000000000000000000000a1",
  "0x00000000000000000000000000000000000000a2",
];
const owner = "0x00000000000000000000000000000000000000b0";
const task = { sessionId: 1n, taskId: 0n };

const lifecycle: DecodedLog[] = [
  decodedEvent(
    "SessionV2",
    "SessionCreated",
    { sessionId: 1n, sid: `0x${"11".repeat(32)}`, owner, miners },
    { block: 1 },
  ),
  decodedEvent(
    "SessionV2",
    "TaskSubmitted",
    { ...task, taskData: "urn:p", clientReference: "r" },
    { block: 2 },
  ),
  decodedEvent(
    "SessionQueueV2",
    "TaskQueued",
    { ...task, globalId: 5n, taskData: "urn:p" },
    { block: 2, logIndex: 1 },
  ),
  decodedEvent("SessionQueueV2", "TaskAssigned", { ...task, miners }, { block: 3 }),
  decodedEvent("SessionQueueV2", "TaskAcked", { ...task, miner: miners[0] }, { block: 4 }),
  decodedEvent("SessionQueueV2", "TaskAcked", { ...task, miner: miners[1] }, { block: 5 }),
  decodedEvent("SessionQueueV2", "TaskPrecommitted", { ...task, miner: miners[1] }, { block: 6 }),
  decodedEvent("SessionQueueV2", "TaskCommitted", { ...task, miner: miners[1] }, { block: 7 }),
  decodedEvent("SessionQueueV2", "TaskEnded", { ...task, miners: [miners[1]] }, { block: 8 }),
];

function range(from: number, to: number, logs = lifecycle) {
  return {
    chainId: 31337,
    from: BigInt(from),
    to: BigInt(to),
    toHash: `0x${to.toString(16).padStart(64, "0")}`,
    toTimestamp: 1_700_000_000n + BigInt(to),
    head: 100n,
    caughtUp: false,
    logs: logs.filter((log) => log.blockNumber >= BigInt(from) && log.blockNumber <= BigInt(to)),
  };
}

async function snapshot(database: DatabaseHandle) {
  const { db } = database;
  return {
    events: await db.select().from(events).orderBy(asc(events.blockNumber), asc(events.logIndex)),
    sessions: await db.select().from(sessions),
    tasks: await db.select().from(tasks),
  };
}

async function resetCheckpoint(database: DatabaseHandle, block: bigint) {
  await database.db
    .update(chainCheckpoints)
    .set({ lastIndexedBlock: block })
    .where(eq(chainCheckpoints.chainId, 31337));
}

const drivers: [
  string,
  () => Promise<{ database: DatabaseHandle; cleanup: () => Promise<void> }>,
][] = [
  [
    "postgres",
    async () => {
      const test: TestDatabase = await createTestDatabase("range");
      return { database: test.handle, cleanup: test.drop };
    },
  ],
  [
    "pglite",
    async () => {
      const database = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), "pglite-")) });
      await database.migrate();
      return { database, cleanup: () => database.close() };
    },
  ],
];

describe.each(drivers)("indexBlockRange on %s", (_driver, open) => {
  let database: DatabaseHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    await ensureCheckpoint(database.db, {
      chainId: 31337,
      network: "test",
      chainName: "l2",
      startBlock: 1n,
    });
  });
  afterAll(() => cleanup());

  it("gives the same rows whether a lifecycle arrives in one range or several", async () => {
    await indexBlockRange(database.db, range(1, 4));
    await indexBlockRange(database.db, range(5, 6));
    await indexBlockRange(database.db, range(7, 10));
    const [row] = await database.db.select().from(tasks);
    expect(row).toMatchObject({
      status: "ENDED",
      globalId: "5",
      ackCount: 2,
      precommitCount: 1,
      commitCount: 1,
      miners,
      finalMiners: [miners[1]],
      ackedBlock: 4n,
      endedBlock: 8n,
      clientReference: "r",
    });
    const [session] = await database.db.select().from(sessions);
    expect(session).toMatchObject({ sessionId: "1", owner, state: "ACTIVE", createdBlock: 1n });
    expect((await readCheckpoint(database.db, 31337))?.lastIndexedBlock).toBe(10n);
  });

  it("changes nothing when a range is replayed", async () => {
    const before = await snapshot(database);
    await resetCheckpoint(database, 0n);
    const stored = await indexBlockRange(database.db, range(1, 10));
    expect(stored).toBe(0);
    expect(await snapshot(database)).toEqual(before);
    expect((await readCheckpoint(database.db, 31337))?.lastIndexedBlock).toBe(10n);
  });

  it("refuses a range that does not start right after the checkpoint", async () => {
    await expect(indexBlockRange(database.db, range(5, 12))).rejects.toThrowError(
      CheckpointMovedError,
    );
    expect((await readCheckpoint(database.db, 31337))?.lastIndexedBlock).toBe(10n);
  });
});
