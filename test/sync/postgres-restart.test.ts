import { setTimeout as sleep } from "node:timers/promises";
import { count } from "drizzle-orm";
import postgres from "postgres";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { events } from "../../src/db/schema/index.ts";
import { chainLeasesHeld } from "../fixtures/chain-leases.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { waitForIndexedTo } from "../fixtures/indexed-to-heads.ts";
import { type OwnedPostgres, startOwnedPostgres } from "../fixtures/owned-postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** Restarts in one run, each while the worker holds a chain lease. */
const RESTARTS = 6;

let server: OwnedPostgres;
let devnet: TestDevnet;
let handle: DatabaseHandle;
let worker: CliProcess | undefined;

const indexedTo = (heads: Map<number, bigint>) =>
  waitForIndexedTo(handle.db, heads, "every chain indexed to its head");

/** Every log the chain has for the network's contracts, as an RPC reports it. */
async function logsOnChain(heads: Map<number, bigint>): Promise<number> {
  let total = 0;
  for (const chain of devnet.network.chains) {
    const client = createPublicClient({ transport: http(chain.rpcUrls[0]) });
    const logs = await client.getLogs({
      address: chain.contracts.map((contract) => contract.address),
      fromBlock: 0n,
      toBlock: heads.get(chain.chainId) ?? 0n,
    });
    total += logs.length;
  }
  return total;
}

beforeAll(async () => {
  server = await startOwnedPostgres();
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database indexer");
  await admin.end();
  devnet = await startTestDevnet({ rounds: 2, seed: 21 });
  await devnet.simulate();
}, 120_000);

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await handle?.close();
  await devnet?.stop();
  server?.destroy();
});

describe("Postgres restarted in the middle of a run, again and again", () => {
  it("the worker recovers by itself each time and the index ends complete", async () => {
    const url = server.url.replace(/\/postgres$/, "/indexer");
    handle = await openDatabase({ databaseUrl: url, maxConnections: 2 });
    worker = spawnCli(["worker"], {
      ...devnet.rpcEnv,
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueQueuePrefix("pgrestart"),
    });
    await waitFor("the worker to start indexing", async () => {
      for (const chain of devnet.network.chains) {
        if (!(await readCheckpoint(handle.db, chain.chainId))) return false;
      }
      return true;
    }).catch((error) => {
      throw new Error(`${error.message}\nworker output:\n${worker?.output().slice(-3000)}`);
    });

    // Each time while the worker holds a chain lease, whose session (and lock) the restart ends.
    // The worker used to keep the dead lease for as long as its jobs came within a second of
    // each other, syncing without the lock: no lease showed after a few restarts. Every wait for
    // a lease is also a check that the worker still works.
    const chainIds = devnet.network.chains.map((chain) => chain.chainId);
    for (let restart = 1; restart <= RESTARTS; restart++) {
      await waitFor(
        `a chain lease to be held before restart ${restart}`,
        async () => (await chainLeasesHeld(handle, chainIds).catch(() => 0)) > 0,
        60_000,
        20,
      ).catch((error) => {
        throw new Error(`${error.message}\nworker output:\n${worker?.output().slice(-3000)}`);
      });
      server.crash();
      await sleep(1500);
      server.start();
    }

    // Blocks that appear after the restart must be indexed too.
    await devnet.mine(10);
    const heads = await devnet.heads();
    await indexedTo(heads).catch((error) => {
      throw new Error(`${error.message}\nworker output:\n${worker?.output().slice(-3000)}`);
    });

    expect(worker.child.exitCode, worker.output()).toBeNull();
    const [stored] = await handle.db.select({ value: count() }).from(events);
    expect(stored?.value).toBe(await logsOnChain(heads));
    expect(stored?.value).toBeGreaterThan(50);
  }, 300_000);
});
