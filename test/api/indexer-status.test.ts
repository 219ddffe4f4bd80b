import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { NetworkConfig } from "../../src/config/load-network.ts";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import { BullmqWorkQueue } from "../../src/queue/bullmq-work-queue.ts";
import { type SyncWorkers, startSyncWorkers } from "../../src/sync/start-sync-workers.ts";
import { spawnCli } from "../fixtures/cli-process.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { type FaultProxy, startFaultProxy } from "../fixtures/fault-proxy.ts";
import { graphql } from "../fixtures/graphql.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

const STATUS_QUERY = /* GraphQL */ `{
  indexerStatus {
    network
    phase { id status serving }
    healthy
    chains {
      chainId name layer finalityDepth healthy
      contracts { kind abi address startBlock indexed reason }
      rpc { url ok reachable chainId chainIdMatches head latencyMs error }
      indexing { lastIndexedBlock fetchedThroughBlock headBlock lagBlocks lagSeconds caughtUp lastError lastErrorAt }
    }
    queue {
      name kind paused failuresTotal error
      total { waiting active delayed failed }
      byJob { job waiting active delayed failed }
    }
  }
}`;

interface Status {
  network: string;
  phase: unknown;
  healthy: boolean;
  chains: {
    chainId: number;
    rpc: { url: string; ok: boolean; head: string | null; latencyMs: number | null }[];
    indexing: Record<string, unknown> | null;
    [field: string]: unknown;
  }[];
  queue: {
    name: string;
    failuresTotal: number | null;
    byJob: { job: string }[];
    [field: string]: unknown;
  } | null;
}

async function indexerStatus(app: ReturnType<typeof createApiApp>): Promise<Status> {
  return (await graphql<{ indexerStatus: Status }>(app, STATUS_QUERY)).indexerStatus;
}

/** What two reports taken a moment apart must agree on (latency, lag seconds and job states move). */
function stableParts(status: Status) {
  return {
    network: status.network,
    phase: status.phase,
    healthy: status.healthy,
    chains: status.chains.map(({ rpc, indexing, ...chain }) => ({
      ...chain,
      rpc: rpc.map(({ latencyMs: _, ...probe }) => probe),
      indexing: indexing && { ...indexing, lagSeconds: undefined },
    })),
    queue: status.queue && {
      name: status.queue.name,
      kind: status.queue.kind,
      paused: status.queue.paused,
      failuresTotal: status.queue.failuresTotal,
      jobs: status.queue.byJob.map((counts) => counts.job),
    },
  };
}

describe("GraphQL indexerStatus on an indexed devnet", () => {
  let devnet: TestDevnet;
  let database: TestDatabase;
  let workers: SyncWorkers;
  let apiQueue: BullmqWorkQueue;
  const prefix = uniqueQueuePrefix("status");
  const proxies: FaultProxy[] = [];

  beforeAll(async () => {
    devnet = await startTestDevnet({ rounds: 1, sessionsPerRound: 1, tasksPerSession: 2, seed: 4 });
    database = await createTestDatabase("indexer_status");
    workers = await startSyncWorkers({
      network: devnet.network,
      database: database.handle,
      queue: new BullmqWorkQueue({ redisUrl: TEST_REDIS_URL, prefix }),
      logger: pino({ level: "silent" }),
    });
    await devnet.simulate();
    const heads = await devnet.heads();
    await waitFor("both chains indexed to their head", async () => {
      for (const [chainId, head] of heads) {
        const checkpoint = await readCheckpoint(database.handle.db, chainId);
        if (checkpoint?.lastIndexedBlock !== head) return false;
      }
      return true;
    });
    // The API reads the workers' queue through its own connection, as a `serve` replica does.
    apiQueue = new BullmqWorkQueue({ redisUrl: TEST_REDIS_URL, prefix });
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await apiQueue?.close();
    await workers?.stop();
    await devnet?.stop();
    await database?.drop();
  });

  it("answers the runbook's first checks, as the status CLI does", async () => {
    const app = createApiApp({
      database: database.handle,
      network: devnet.network,
      queue: apiQueue,
    });
    const api = await indexerStatus(app);

    expect(api).toMatchObject({ network: "devnet", phase: null, healthy: true });
    const heads = await devnet.heads();
    for (const chain of api.chains) {
      const head = String(heads.get(chain.chainId));
      expect(chain.contracts).toContainEqual({
        kind: "SessionQueueV2",
        abi: "gen3",
        address: expect.stringMatching(/^0x[0-9a-f]{40}$/),
        startBlock: "0",
        indexed: true,
        reason: null,
      });
      expect(chain.rpc).toEqual([
        {
          url: new URL(devnet.rpcEnv[`RPC_URL_${chain.chainId}`] ?? "").origin,
          ok: true,
          reachable: true,
          chainId: chain.chainId,
          chainIdMatches: true,
          head,
          latencyMs: expect.any(Number),
          error: null,
        },
      ]);
      expect(chain.indexing).toMatchObject({
        lastIndexedBlock: head,
        // Caught up: the store holds nothing beyond the checkpoint.
        fetchedThroughBlock: head,
        lagBlocks: "0",
        caughtUp: true,
        lastError: null,
        lagSeconds: expect.any(Number),
      });
    }
    expect(api.queue).toMatchObject({
      name: "cortensor-indexer",
      kind: "bullmq",
      paused: false,
      failuresTotal: 0,
      error: null,
      total: { failed: 0 },
    });
    expect(api.queue?.byJob.map((counts) => counts.job)).toEqual(["chain-sync", "task-results"]);

    const cli = spawnCli(["status"], {
      ...devnet.rpcEnv,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    const code = await cli.exited();
    expect(code).toBe(0);
    const printed = JSON.parse(cli.output()) as Status;
    expect(stableParts(api)).toEqual(stableParts(printed));
  });

  it("probes each RPC URL at most once per few seconds, however many ask", async () => {
    const l2 = devnet.network.chains.find((chain) => chain.chainId === 31337);
    const proxy = await startFaultProxy(devnet.rpcEnv.RPC_URL_31337 ?? "", {});
    proxies.push(proxy);
    const network: NetworkConfig = {
      ...devnet.network,
      chains: l2 ? [{ ...l2, rpcUrls: [proxy.url] }] : [],
    };
    const app = createApiApp({ database: database.handle, network });

    const first = await indexerStatus(app);
    const probed = proxy.stats.requests;
    expect(probed).toBeGreaterThan(0);
    const again = await Promise.all(Array.from({ length: 10 }, () => indexerStatus(app)));
    expect(proxy.stats.requests).toBe(probed);
    for (const status of again) expect(status.chains[0]?.rpc).toEqual(first.chains[0]?.rpc);
  });

  it("answers in bounded time when a provider hangs, naming it by origin only", async () => {
    const l3 = devnet.network.chains.find((chain) => chain.chainId === 31338);
    const proxy = await startFaultProxy(
      devnet.rpcEnv.RPC_URL_31338 ?? "",
      { timeout: 1 },
      { hangMs: 60_000 },
    );
    proxies.push(proxy);
    const keyed = `${proxy.url}/v2/SECRET-API-KEY`;
    const network: NetworkConfig = {
      ...devnet.network,
      chains: l3 ? [{ ...l3, rpcUrls: [keyed] }] : [],
    };
    const app = createApiApp({ database: database.handle, network });

    const started = performance.now();
    const status = await indexerStatus(app);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(status.healthy).toBe(false);
    expect(status.chains[0]?.rpc).toEqual([
      expect.objectContaining({ url: `${proxy.url}/…`, ok: false, reachable: false, head: null }),
    ]);
    expect(JSON.stringify(status)).not.toContain("SECRET-API-KEY");
    // The index itself is fine: only the provider is down.
    expect(status.chains[0]?.indexing).toMatchObject({ caughtUp: true, lastError: null });
  });

  it("says so when the API was started without a network", async () => {
    const app = createApiApp({ database: database.handle });
    await expect(indexerStatus(app)).rejects.toThrow(/without a network configuration/);
  });
});
