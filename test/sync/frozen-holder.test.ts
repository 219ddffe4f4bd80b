import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureCheckpoint, readCheckpoint } from "../../src/db/checkpoints.ts";
import { openDatabase } from "../../src/db/client.ts";
import {
  newWorkerApplicationName,
  type Presence,
  startPresence,
} from "../../src/db/process-presence.ts";
import { withDeadline } from "../../src/observability/with-deadline.ts";
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
      // The sweep's answer may arrive just after the lock it freed was granted here.
      await waitFor("the sweep to be told", async () => swept.length > 0, 2_000, 20);
    } finally {
      await presence.stop();
    }
    child.kill("SIGCONT");
    child.kill("SIGUSR2");
    await waitFor("the thawed holder to try its write", async () => /wrote|refused/.test(output));
    expect(output).toContain("refused: ");
  });

  it("spares a batch that is running, not frozen, when its lease is taken", async () => {
    // A batch written without the lease (re-using archived logs needs none) or one statement
    // longer than the silence: neither is a frozen holder's.
    const client = database.handle.postgres;
    if (!client) throw new Error("needs Postgres");
    const batch = await client.reserve();
    try {
      await batch`begin`;
      await batch`select 1 from chain_checkpoints where chain_id = ${CHAIN_ID} for update`;
      const statement = batch`select pg_sleep(${(3 * SILENCE_MS) / 1000})`.execute();
      await sleep(SILENCE_MS + 500);
      const lease = await tryLease();
      expect(lease?.endedFormerHolder).toBeUndefined();
      await lease?.release();
      await statement;
      // Waiting on its client now, for less than the silence: spared as well.
      const next = await tryLease();
      expect(next?.endedFormerHolder).toBeUndefined();
      await next?.release();
      await batch`update chain_checkpoints set last_indexed_block = 5 where chain_id = ${CHAIN_ID}`;
      await batch`commit`;
      expect((await readCheckpoint(database.handle.db, CHAIN_ID))?.lastIndexedBlock).toBe(5n);
    } finally {
      await batch`update chain_checkpoints set last_indexed_block = 0 where chain_id = ${CHAIN_ID}`;
      batch.release();
    }
  });

  it("has a presence spare the running statements of a worker whose presence is gone", async () => {
    // A worker whose presence connection alone dropped (a proxy cut it) runs on: what it runs is
    // left alone; only what waits on it for the silence is ended.
    const silent = await openDatabase({
      databaseUrl: database.url,
      maxConnections: 1,
      applicationName: newWorkerApplicationName(),
    });
    const client = database.handle.postgres;
    const silentClient = silent.postgres;
    if (!client || !silentClient) throw new Error("needs Postgres");
    // The same kind of worker of another deployment, in another database on the same server.
    const other = await createTestDatabase("other-deployment");
    const otherWorker = await openDatabase({
      databaseUrl: other.url,
      maxConnections: 1,
      applicationName: newWorkerApplicationName(),
    });
    const swept: number[] = [];
    let presence: Presence | undefined;
    try {
      const [{ pid: otherPid } = { pid: 0 }] = await (otherWorker.postgres as postgres.Sql)<
        { pid: number }[]
      >`select pg_backend_pid() as pid`;
      const [{ pid } = { pid: 0 }] = await silentClient<
        { pid: number }[]
      >`select pg_backend_pid() as pid`;
      await sleep(2 * SILENCE_MS + 200); // Past the grace of a young process.
      const statement = silentClient`select pg_sleep(${(3 * SILENCE_MS) / 1000})`.execute();
      await sleep(200);
      presence = startPresence(client, newWorkerApplicationName(), {
        silenceMs: SILENCE_MS,
        onSwept: (pids) => swept.push(...pids),
      });
      await statement;
      expect(swept).toEqual([]);
      // Idle from now on: ended once it has been waiting on its client for the silence.
      await waitFor("the idle session to be swept", async () => swept.includes(pid), 10_000, 100);
      // Silent as long, but another deployment's: not this one's to end.
      expect(swept).not.toContain(otherPid);
    } finally {
      await presence?.stop();
      await silent.close();
      await otherWorker.close();
      await other.drop();
    }
  });

  it("knows a lease whose session was ended is lost, and releases it keeping its pool working", async () => {
    // A thawed worker's leases: their sessions were ended while it was frozen. One connection in
    // the pool, so that a connection lost to the release would stop every later query.
    const applicationName = newWorkerApplicationName();
    const worker = await openDatabase({
      databaseUrl: database.url,
      maxConnections: 1,
      applicationName,
    });
    try {
      const lease = await tryLeaseChain(worker.db, CHAIN_ID, { silenceMs: SILENCE_MS });
      if (!lease) throw new Error("the chain is leased to another process");
      expect(lease.held).toBe(true);
      await database.handle.rows(sql`
        select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = ${applicationName}`);
      // Its next heartbeat finds the session gone: whoever keeps the lease takes the chain again.
      await waitFor("the lease to know it was lost", async () => !lease.held, 5_000, 50);
      await withDeadline(lease.release(), 5_000, "the release");
      for (const n of [1, 2, 3]) {
        const rows = await withDeadline(
          worker.rows<{ n: number }>(sql`select ${n}::int as n`).catch(() => [{ n: -1 }]),
          5_000,
          `query ${n} after the release`,
        );
        // The first may meet the closed connection; then the pool reconnects.
        if (n > 1) expect(rows).toEqual([{ n }]);
      }
    } finally {
      await worker.close();
    }
  });
});
