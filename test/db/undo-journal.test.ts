import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCheckpoint, readCheckpoint, rewindCheckpoint } from "../../src/db/checkpoints.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { tasks, undoJournal } from "../../src/db/schema/index.ts";
import { readIndexedBatches, undoBatchesAbove } from "../../src/db/undo-journal.ts";
import { indexBlockRange } from "../../src/sync/index-block-range.ts";
import { databaseDrivers, lifecycleRange } from "../fixtures/lifecycle-ranges.ts";
import { tableDigests } from "../fixtures/table-digests.ts";

const CHAIN = 31337;

/** Indexes the lifecycle's blocks [from, to] with block `finalized` final. */
const indexAbove = (database: DatabaseHandle, from: number, to: number, finalized: number) =>
  indexBlockRange(database.db, { ...lifecycleRange(from, to), finalized: BigInt(finalized) });

/** Undoes every batch above `block` and moves the checkpoint there, as a reorg's rollback does. */
async function rollBackTo(database: DatabaseHandle, block: bigint) {
  await database.db.transaction(async (tx) => {
    await undoBatchesAbove(tx, CHAIN, block);
    const [batch] = await readIndexedBatches(tx, CHAIN);
    await rewindCheckpoint(tx, CHAIN, {
      block,
      hash: batch?.toHash ?? "",
      timestamp: 1_700_000_000n + block,
    });
  });
}

const digests = async (database: DatabaseHandle) =>
  tableDigests(database, { schemas: [database.schemaName], ignoreWallClock: true });

/**
 * The undo journal on both drivers: batches above the final block record what they overwrite,
 * and undoing them gives back exactly the tables as they were, to the last byte.
 */
describe.each(databaseDrivers)("the undo journal on %s", (_driver, open) => {
  let database: DatabaseHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    await ensureCheckpoint(database.db, {
      chainId: CHAIN,
      network: "test",
      chainName: "l2",
      startBlock: 1n,
    });
  });
  afterAll(() => cleanup());

  const states = new Map<number, Map<string, string>>();

  it("journals nothing for final batches, and every overwritten row above the final block", async () => {
    const journaled = async () =>
      (await database.rows<{ n: number }>(sql`select count(*)::int as n from ${undoJournal}`))[0]
        ?.n;
    await indexAbove(database, 1, 4, 4);
    states.set(4, await digests(database));
    expect(await journaled()).toBe(0);
    await indexAbove(database, 5, 6, 4);
    states.set(6, await digests(database));
    // The task, its two assignments, the acking miners' nodes and a status counter at least.
    expect(await journaled()).toBeGreaterThanOrEqual(5);
    await indexAbove(database, 7, 10, 4);
    states.set(10, await digests(database));
    const [task] = await database.db.select().from(tasks);
    expect(task?.status).toBe("ENDED");
  });

  it("undoes the newest batch, then the one before, back to the tables as they were", async () => {
    await rollBackTo(database, 6n);
    expect(await digests(database)).toEqual(states.get(6));
    await rollBackTo(database, 4n);
    expect(await digests(database)).toEqual(states.get(4));
    expect((await readCheckpoint(database.db, CHAIN))?.lastIndexedBlock).toBe(4n);
    const [task] = await database.db.select().from(tasks);
    expect(task?.status).toBe("ACKED");
  });

  it("indexes the undone blocks again to the same domain rows", async () => {
    await indexAbove(database, 5, 10, 4);
    const again = await digests(database);
    const before = states.get(10) as Map<string, string>;
    // Bookkeeping of how the blocks were batched (the fixture's range ends have made-up hashes).
    for (const table of ["indexed_batches", "undo_journal", "block_hashes"]) {
      again.delete(`${database.schemaName}.${table}`);
      before.delete(`${database.schemaName}.${table}`);
    }
    expect(again).toEqual(before);
  });
});
