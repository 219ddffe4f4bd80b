import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceCheckpoint, ensureCheckpoint, recordIdleHead } from "../../src/db/checkpoints.ts";
import { resultRoundsInFlight } from "../../src/sync/chain-jobs.ts";
import { BACKFILL_BLOCKS } from "../../src/sync/chain-syncer.ts";
import { RESULT_ROUNDS_IN_FLIGHT } from "../../src/sync/task-results/fetch-task-results.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("result_rounds");
});
afterAll(() => database?.drop());

/** A chain's checkpoint at `block` with `head` seen, caught up or not. */
async function checkpointAt(chainId: number, block: bigint, head: bigint, caughtUp: boolean) {
  const { db } = database.handle;
  await ensureCheckpoint(db, { chainId, network: "devnet", chainName: "c", startBlock: 0n });
  await advanceCheckpoint(db, chainId, {
    block,
    hash: "0x01",
    timestamp: 0n,
    head,
    finalized: head,
    caughtUp,
  });
}

describe("result-read rounds per job", () => {
  it("reads none while the chain is far behind, one at a time over the last stretch, several once caught up", async () => {
    const { db } = database.handle;
    const head = 5n * BACKFILL_BLOCKS;

    await checkpointAt(1, 0n, head, false);
    expect(await resultRoundsInFlight(db, 1)).toBe(0);

    await checkpointAt(2, head - BACKFILL_BLOCKS, head, false);
    expect(await resultRoundsInFlight(db, 2)).toBe(1);

    await checkpointAt(3, head, head, true);
    expect(await resultRoundsInFlight(db, 3)).toBe(RESULT_ROUNDS_IN_FLIGHT);
    expect(RESULT_ROUNDS_IN_FLIGHT).toBeGreaterThan(1);

    // A caught-up chain that fell far behind again holds its reads back for the backfill.
    await checkpointAt(3, head, head + 2n * BACKFILL_BLOCKS, true);
    expect(await resultRoundsInFlight(db, 3)).toBe(0);
  });

  it("reads one at a time before any head is known; a head at block 0 counts as known", async () => {
    const { db } = database.handle;
    await ensureCheckpoint(db, { chainId: 4, network: "devnet", chainName: "c", startBlock: 0n });
    expect(await resultRoundsInFlight(db, 4)).toBe(1);
    expect(await resultRoundsInFlight(db, 999)).toBe(1);

    await recordIdleHead(db, 4, 0n);
    expect(await resultRoundsInFlight(db, 4)).toBe(RESULT_ROUNDS_IN_FLIGHT);
  });
});
