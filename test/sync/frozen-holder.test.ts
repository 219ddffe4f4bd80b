import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureCheckpoint, readCheckpoint } from "../../src/db/checkpoints.ts";
import { newWorkerApplicationName, startPresence } from "../../src/db/process-presence.ts";
import { tryLeaseChain } from "../../src/sync/chain-lease.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

const root = join(import.meta.dirname, "../..");
const CHAIN_ID = 31337;
/** The holder's limits, short for the test (production: LEASE_SILENCE_MS, FROZEN_TRANSACTION_TIMEOUT_MS). */
const SILENCE_MS = 1_500;
const IDLE_IN_TRANSACTION_MS = 2_000;

/**
 * A worker that freezes (SIGSTOP, a paused VM or container) keeps its sockets open and its kernel
 * answers keepalive probes: only its silence can free its chain's lease and its batch's locks.
 */
describe("a lease holder that freezes", () => {
  let database: TestDatabase;
  let holder: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    database = await createTestDatabase("frozen");
    await ensureCheckpoint(database.handle.db, {
      chainId: CHAIN_ID,
      network: "devnet",
      chainName: "l2",
      startBlock: 1n,
    });
  });
  afterEach(() => {
    holder?.kill("SIGKILL");
    holder = undefined;
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Starts the holder and waits until it holds the lease and the checkpoint's row lock. */
  async function startHolder(
    idleInTransactionMs = IDLE_IN_TRANSACTION_MS,
    applicationName?: string,
  ): Promise<ChildProcess> {
    output = "";
    const child = spawn(
      process.execPath,
      [
        join(root, "bin/run-ts.mjs"),
        join(root, "test/fixtures/freezable-holder.mts"),
        database.url,
        String(CHAIN_ID),
        String(SILENCE_MS),
        String(idleInTransactionMs),
        ...(applicationName ? [applicationName] : []),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    holder = child;
    await waitFor("the holder to hold", async () => output.includes("holding"), 30_000, 50);
    return child;
  }

  // As every worker of a deployment, the taker has the holder's silence limit.
  const tryLease = () => tryLeaseChain(database.handle.db, CHAIN_ID, { silenceMs: SILENCE_MS });

  /** Locks the checkpoint row in a transaction of this process, giving up after `ms`. */
  const lockCheckpointWithin = (ms: number) =>
    database.handle.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = ${ms}`));
      await tx.execute(
        sql`select 1 from chain_checkpoints where chain_id = ${CHAIN_ID} for update`,
      );
    });

  it("keeps its lease while it lives, however long it holds it", async () => {
    await startHolder();
    await new Promise((resolve) => setTimeout(resolve, 3 * SILENCE_MS));
    expect(await tryLease()).toBeNull();
  });

  it("loses both once it has been silent that long, and cannot write when it thaws", async () => {
    const child = await startHolder();
    expect(await tryLease()).toBeNull();
    child.kill("SIGSTOP");
    const frozenAt = Date.now();

    // The row lock first: nobody takes the lease yet, so only the idle limit can free it.
    await lockCheckpointWithin(15_000);
    const locksFreedMs = Date.now() - frozenAt;
    const lease = await waitFor("the lease to move", tryLease, 15_000, 100);
    const leaseMovedMs = Date.now() - frozenAt;
    expect(lease.endedFormerHolder).toBeUndefined();
    await lease.release();
    // Each within its limit and the heartbeat's period, not at some unrelated timeout.
    expect(leaseMovedMs).toBeGreaterThanOrEqual(SILENCE_MS);
    expect(leaseMovedMs).toBeLessThan(SILENCE_MS + 5_000);
    expect(locksFreedMs).toBeLessThan(IDLE_IN_TRANSACTION_MS + 5_000);

    child.kill("SIGCONT");
    child.kill("SIGUSR2");
    await waitFor("the thawed holder to try its write", async () => /wrote|refused/.test(output));
    expect(output).toContain("refused: ");
    const checkpoint = await readCheckpoint(database.handle.db, CHAIN_ID);
    expect(checkpoint?.lastIndexedBlock).toBe(0n);
  });

  it("ends the open batch of a frozen former holder when its lease moves, where no idle limit applies", async () => {
    // Frozen mid-statement, a session is not idle and no server timeout ends it: here, none set.
    const child = await startHolder(0);
    child.kill("SIGSTOP");
    const lease = await waitFor("the lease to move", tryLease, 15_000, 100);
    expect(lease.endedFormerHolder).toEqual(expect.any(Number));
    // Free at once, long before any idle limit.
    await lockCheckpointWithin(1_000);
    await lease.release();

    child.kill("SIGCONT");
    child.kill("SIGUSR2");
    await waitFor("the thawed holder to try its write", async () => /wrote|refused/.test(output));
    expect(output).toContain("refused: ");
    expect((await readCheckpoint(database.handle.db, CHAIN_ID))?.lastIndexedBlock).toBe(0n);
    // A lease taken from no frozen holder ends nothing.
    const next = await tryLease();
    expect(next?.endedFormerHolder).toBeUndefined();
    await next?.release();
  });

  it("has every session of a frozen worker ended by a live worker's presence, whatever it holds", async () => {
    // A worker frozen mid-statement holding a transaction lock: no lease and no idle limit frees it.
    const child = await startHolder(0, newWorkerApplicationName());
    const client = database.handle.postgres;
    if (!client) throw new Error("needs Postgres");
    const swept: number[] = [];
    const presence = startPresence(client, newWorkerApplicationName(), {
      silenceMs: SILENCE_MS,
      onSwept: (pids) => swept.push(...pids),
    });
    try {
      await sleep(3 * SILENCE_MS);
      // Alive, it keeps its presence: nothing of it is ended.
      expect(swept).toEqual([]);
      child.kill("SIGSTOP");
      const frozenAt = Date.now();
      await database.handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = 15000`);
        await tx.execute(sql`select pg_advisory_xact_lock(4242)`);
      });
      // Its presence ends after the silence; the next sweep, a fifth of it later, ends the rest.
      expect(Date.now() - frozenAt).toBeLessThan(SILENCE_MS + 5_000);
      expect(swept.length).toBeGreaterThan(0);
    } finally {
      await presence.stop();
    }
    child.kill("SIGCONT");
    child.kill("SIGUSR2");
    await waitFor("the thawed holder to try its write", async () => /wrote|refused/.test(output));
    expect(output).toContain("refused: ");
  });
});
