import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCheckpoint, readCheckpoint } from "../../src/db/checkpoints.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { chainCheckpoints, events, sessions, tasks } from "../../src/db/schema/index.ts";
import { CheckpointMovedError } from "../../src/sync/errors.ts";
import { indexBlockRange } from "../../src/sync/index-block-range.ts";
import {
  databaseDrivers,
  miners,
  owner,
  lifecycleRange as range,
} from "../fixtures/lifecycle-ranges.ts";

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

describe.each(databaseDrivers)("indexBlockRange on %s", (_driver, open) => {
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
    const { stored } = await indexBlockRange(database.db, range(1, 10));
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
