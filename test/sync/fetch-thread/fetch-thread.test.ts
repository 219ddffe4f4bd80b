import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../../src/chain/create-chain-client.ts";
import { ProviderRequestRates } from "../../../src/chain/provider-request-rates.ts";
import { type ChainConfig, loadNetwork } from "../../../src/config/load-network.ts";
import { Metrics } from "../../../src/observability/metrics.ts";
import { AdaptiveRange } from "../../../src/sync/adaptive-range.ts";
import { FetchThread } from "../../../src/sync/fetch-thread/fetch-thread.ts";
import { type FetchJobData, fetchIntoStore } from "../../../src/sync/store/fetch-into-store.ts";
import { type TestDatabase, TestDatabases } from "../../fixtures/postgres.ts";
import { TEST_REDIS_URL } from "../../fixtures/redis.ts";
import { type SyntheticRpc, startSyntheticRpc } from "../../fixtures/synthetic-rpc.ts";
import { tableDigests } from "../../fixtures/table-digests.ts";

let rpc: SyntheticRpc;
let chain: ChainConfig;
const databases = new TestDatabases();
const threads: FetchThread[] = [];

beforeAll(async () => {
  rpc = await startSyntheticRpc({ minEvents: 2_000, seed: 21 });
  const devnet = loadNetwork("devnet").chains[0] as ChainConfig;
  chain = { ...devnet, rpcUrls: [rpc.url], maxBlockRange: 250, logCrossCheckRatio: 0 };
});

afterAll(async () => {
  for (const thread of threads) await thread.close();
  await databases.dropAll();
  await rpc.close();
});

function newThread(
  databaseUrl: string,
  requestRates?: ProviderRequestRates,
  rpcQuotaRedisUrl?: string,
): FetchThread {
  const thread = new FetchThread({ databaseUrl, rpcQuotaRedisUrl }, requestRates);
  threads.push(thread);
  return thread;
}

/** The job of every followed contract in blocks [from, to]. */
const jobOf = (followed: ChainConfig, from: number, to: number): FetchJobData => ({
  chainId: followed.chainId,
  from: String(from),
  to: String(to),
  addresses: followed.contracts.map((contract) => contract.address.toLowerCase()).sort(),
});

/** The sync store's tables only (the control schema). */
const storeDigests = async (database: TestDatabase) => {
  const digests = await tableDigests(database.handle, { schemas: ["cortensor"] });
  return ["raw_logs", "raw_blocks", "fetched_intervals"].map((table) => [
    table,
    digests.get(`cortensor.${table}`),
  ]);
};

describe("the fetch thread", () => {
  it("stores the same logs, headers and intervals as a fetch on the main thread", async () => {
    const threaded = await databases.create("fetch_thread");
    const inline = await databases.create("fetch_inline");
    const thread = newThread(threaded.url);
    const half = Math.floor(rpc.chain.head / 2);
    const spans: [number, number][] = [
      [0, half],
      [half + 1, rpc.chain.head],
    ];

    const fetched = await Promise.all(
      spans.map(([from, to]) => thread.fetch(chain, jobOf(chain, from, to))),
    );
    for (const [from, to] of spans) {
      await fetchIntoStore(
        {
          db: inline.handle.db,
          chain,
          client: createChainClient(chain),
          checkClient: createChainClient(chain),
          range: new AdaptiveRange(BigInt(chain.maxBlockRange)),
        },
        jobOf(chain, from, to),
      );
    }

    expect(fetched.reduce((sum, logs) => sum + logs, 0)).toBe(
      rpc.chain.countLogs(0, rpc.chain.head),
    );
    const digests = await storeDigests(threaded);
    expect(digests.every(([, digest]) => digest !== undefined)).toBe(true);
    expect(digests).toEqual(await storeDigests(inline));
  });

  it("adds the thread's RPC counters to the process's scrape", async () => {
    const database = await databases.create("fetch_thread_metrics");
    const thread = newThread(database.url);
    const metrics = new Metrics();
    metrics.addSource(() => thread.metrics());
    const requests = new RegExp(
      `cortensor_rpc_requests_total\\{chain_id="${chain.chainId}",provider="${new URL(rpc.url).origin}"\\} (\\d+)`,
    );
    expect(requests.test(await metrics.registry.metrics())).toBe(false);

    await thread.fetch(chain, jobOf(chain, 0, rpc.chain.head));

    const scraped = (await metrics.scrape()).body;
    expect(Number(scraped.match(requests)?.[1])).toBeGreaterThan(0);
    // The process metrics are the main thread's, once.
    expect(scraped.match(/^cortensor_process_process_resident_memory_bytes /gm)).toHaveLength(1);
  });

  it("fails a job with the thread's error and runs the next one", async () => {
    const database = await databases.create("fetch_thread_errors");
    const thread = newThread(database.url);
    const unknownContract = {
      ...jobOf(chain, 0, 100),
      addresses: ["0x000000000000000000000000000000000000dead"],
    };

    await expect(thread.fetch(chain, unknownContract)).rejects.toThrow(
      /names contract 0x0+dead, which this worker's network file does not follow/,
    );
    expect(await thread.fetch(chain, jobOf(chain, 0, 100))).toBe(rpc.chain.countLogs(0, 100));
  });

  it("fails the jobs of a thread that dies, and runs the next job on a new one", async () => {
    const database = await databases.create("fetch_thread_death");
    const thread = newThread(database.url);
    const whole = jobOf(chain, 0, rpc.chain.head);
    const held = thread.fetch(chain, whole);
    // Nothing in a job can kill its thread on purpose: this stands for a crash (out of memory, a
    // native fault) while the job runs.
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();

    await expect(held).rejects.toThrow(/the fetch thread exited/);
    expect(await thread.fetch(chain, whole)).toBe(rpc.chain.countLogs(0, rpc.chain.head));
  });

  /** The main thread's limits, counting the turns they give. */
  class CountedRates extends ProviderRequestRates {
    given = 0;
    override async takeTurn(url: string, perSecond: number) {
      await super.takeTurn(url, perSecond);
      this.given++;
    }
  }

  /**
   * Runs a job limited to 3 requests a second on a thread with `rpcQuotaRedisUrl` right after the
   * main thread spent this second's quota, and says whether the thread's requests waited for it.
   */
  async function waitsForMainThreadQuota(name: string, rpcQuotaRedisUrl?: string) {
    const database = await databases.create(name);
    const rates = new CountedRates();
    const thread = newThread(database.url, rates, rpcQuotaRedisUrl);
    const limited = { ...chain, maxRequestsPerSecond: 3 };
    await thread.fetch(chain, jobOf(chain, 0, 20));
    expect(rates.given).toBe(0);
    for (let i = 0; i < 3; i++) await rates.takeTurn(rpc.url, 3);
    const spent = Date.now();
    await thread.fetch(limited, jobOf(limited, 21, 60));
    return { waitedMs: Date.now() - spent, relayed: rates.given - 3 };
  }

  it("takes its RPC requests' turns from the main thread's quotas when no Redis counts them", async () => {
    const { waitedMs, relayed } = await waitsForMainThreadQuota("fetch_thread_quota");
    expect(waitedMs).toBeGreaterThanOrEqual(800);
    expect(relayed).toBeGreaterThan(0);
  });

  it("takes its turns from the main thread while its Redis is unreachable", async () => {
    const { waitedMs, relayed } = await waitsForMainThreadQuota(
      "fetch_thread_quota_outage",
      "redis://127.0.0.1:1",
    );
    expect(waitedMs).toBeGreaterThanOrEqual(800);
    expect(relayed).toBeGreaterThan(0);
  });

  it("counts its turns in Redis, not through the main thread, while Redis answers", async () => {
    const { relayed } = await waitsForMainThreadQuota("fetch_thread_quota_redis", TEST_REDIS_URL);
    expect(relayed).toBe(0);
  });

  it("starts a new thread for the next job after close", async () => {
    const database = await databases.create("fetch_thread_restart");
    const thread = newThread(database.url);
    await thread.fetch(chain, jobOf(chain, 0, 50));
    await thread.close();
    expect(await thread.metrics()).toEqual([]);
    await thread.fetch(chain, jobOf(chain, 51, 150));
    const intervals = await database.handle.rows<{ from: number; to: number }>(
      sql`select from_block::int as from, to_block::int as to from cortensor.fetched_intervals`,
    );
    expect(intervals.map(({ from, to }) => [from, to])).toEqual(
      chain.contracts.map(() => [0, 150]),
    );
  });
});
