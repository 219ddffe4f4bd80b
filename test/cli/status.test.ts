import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import { type SyncWorkers, startSyncWorkers } from "../../src/sync/start-sync-workers.ts";
import { runCli } from "../fixtures/cli-process.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

const runStatus = (env: Record<string, string>) => runCli(["status"], env);

describe("cortensor-indexer status", () => {
  let devnet: TestDevnet;
  let database: TestDatabase;
  let workers: SyncWorkers;

  beforeAll(async () => {
    devnet = await startTestDevnet();
    database = await createTestDatabase("status");
    workers = await startSyncWorkers({
      network: devnet.network,
      database: database.handle,
      queue: new InProcessWorkQueue(),
      logger: pino({ level: "silent" }),
    });
    await waitFor("a first checkpoint", () => readCheckpoint(database.handle.db, 31338));
  });
  afterAll(async () => {
    await workers?.stop();
    await devnet?.stop();
    await database?.drop();
  });

  it("reports the contract matrix, healthy RPCs and indexing progress, and exits 0", async () => {
    const { code, output } = await runStatus({ ...devnet.rpcEnv, DATABASE_URL: database.url });
    expect(code).toBe(0);
    const status = JSON.parse(output);
    expect(status.network).toBe("devnet");
    for (const chain of status.chains) {
      expect(chain.rpc).toEqual([expect.objectContaining({ ok: true, chainId: chain.chainId })]);
      expect(chain.contracts).toContainEqual(
        expect.objectContaining({ kind: "SessionQueueV2", startBlock: "0" }),
      );
      expect(chain.indexing).toMatchObject({ lastError: null, lagSeconds: expect.any(Number) });
    }
    // Without REDIS_URL there is no queue shared with the workers to report.
    expect(status.queue).toBeNull();
  });

  it("exits 1 and names the failing RPC when a chain's endpoint is down", async () => {
    const { code, output } = await runStatus({
      ...devnet.rpcEnv,
      RPC_URL_31338: "http://127.0.0.1:9",
      DATABASE_URL: database.url,
    });
    expect(code).toBe(1);
    const l3 = JSON.parse(output).chains.find(
      (chain: { chainId: number }) => chain.chainId === 31338,
    );
    expect(l3.rpc).toEqual([
      expect.objectContaining({ url: "http://127.0.0.1:9", ok: false, reachable: false }),
    ]);
    expect(l3.healthy).toBe(false);
  });
});
