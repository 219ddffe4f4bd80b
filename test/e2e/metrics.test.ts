import pino from "pino";
import { createPublicClient, http } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { Metrics } from "../../src/observability/metrics.ts";
import { BullmqWorkQueue } from "../../src/queue/bullmq-work-queue.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import { type SyncWorkers, startSyncWorkers } from "../../src/sync/start-sync-workers.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** A provider that refuses connections, with an API key in its path that must never show. */
const DEAD_KEYED_URL = "http://127.0.0.1:9/v2/SECRET-API-KEY";
const QUEUE = "cortensor-indexer";

/** The value of the sample `name{…}` whose labels include `labels`, in a text exposition. */
function sample(text: string, name: string, labels: Record<string, string | number>) {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split("\n")
    .find(
      (row) =>
        row.startsWith(`${name}{`) &&
        wanted.every((pair) => row.slice(name.length, row.indexOf("}") + 1).includes(pair)),
    );
  return line ? Number(line.split(" ").at(-1)) : undefined;
}

describe("/metrics during a devnet run", () => {
  let devnet: TestDevnet | undefined;
  let database: TestDatabase | undefined;
  let workers: SyncWorkers | undefined;
  afterAll(async () => {
    await workers?.stop();
    await devnet?.stop();
    await database?.drop();
  });

  const start = async () => {
    devnet = await startTestDevnet({ rounds: 2, sessionsPerRound: 2, tasksPerSession: 2, seed: 9 });
    database = await createTestDatabase("metrics");
    const metrics = new Metrics(database.handle.db);
    const queue = new BullmqWorkQueue({
      redisUrl: TEST_REDIS_URL,
      prefix: uniqueQueuePrefix("metrics"),
    });
    metrics.observeQueue(queue);
    // The L3 goes through a dead provider first: viem's fallback then takes the live one.
    const network = {
      ...devnet.network,
      chains: devnet.network.chains.map((chain) =>
        chain.chainId === 31338 ? { ...chain, rpcUrls: [DEAD_KEYED_URL, ...chain.rpcUrls] } : chain,
      ),
    };
    workers = await startSyncWorkers({
      network,
      database: database.handle,
      queue,
      logger: pino({ level: "silent" }),
      metrics,
    });
    const app = createApiApp({ database: database.handle, metrics });
    const scrape = async () => {
      const response = await app.request("/metrics");
      expect(response.headers.get("content-type")).toContain("text/plain");
      return response.text();
    };
    return { app, scrape, l2Provider: new URL(devnet.rpcEnv.RPC_URL_31337 ?? "").origin };
  };
  let running: Awaited<ReturnType<typeof start>> | undefined;

  it("moves the indexed block, event and RPC counters and brings the lag to zero", async () => {
    running = await start();
    const { app, scrape, l2Provider } = running;
    const l2 = { chain_id: 31337 };

    const idle = await waitFor("the first sync round", async () => {
      const text = await scrape();
      return sample(text, "cortensor_chain_indexed_block", l2) !== undefined ? text : null;
    });
    const indexedBefore = sample(idle, "cortensor_chain_indexed_block", l2) ?? -1;
    const eventsBefore = sample(idle, "cortensor_events_stored_total", l2) ?? 0;
    const rpcBefore =
      sample(idle, "cortensor_rpc_requests_total", { ...l2, provider: l2Provider }) ?? 0;

    await devnet?.simulate();
    const head = Number((await devnet?.heads())?.get(31337));
    // Each scrape reads the checkpoints once, and every chain gauge shows that same read.
    const caughtUp = await waitFor("the lag to reach zero", async () => {
      const text = await scrape();
      return sample(text, "cortensor_chain_indexed_block", l2) === head &&
        sample(text, "cortensor_chain_lag_blocks", l2) === 0
        ? text
        : null;
    });

    expect(sample(caughtUp, "cortensor_chain_indexed_block", l2)).toBeGreaterThan(indexedBefore);
    expect(sample(caughtUp, "cortensor_events_stored_total", l2)).toBeGreaterThan(
      eventsBefore + 10,
    );
    expect(sample(caughtUp, "cortensor_chain_has_error", l2)).toBe(0);
    // The projector's batches book their time to stages: reading the range, then writing it.
    for (const stage of ["range", "load", "project", "rows", "commit"]) {
      expect(
        sample(caughtUp, "cortensor_projector_seconds_total", { ...l2, stage }),
        stage,
      ).toBeGreaterThan(0);
    }
    expect(
      sample(caughtUp, "cortensor_rpc_requests_total", { ...l2, provider: l2Provider }),
    ).toBeGreaterThan(rpcBefore + 5);
    expect(
      sample(caughtUp, "cortensor_rpc_request_duration_seconds_count", {
        ...l2,
        provider: l2Provider,
      }),
    ).toBeGreaterThan(rpcBefore + 5);
    expect(sample(caughtUp, "cortensor_rpc_errors_total", l2)).toBeUndefined();
    // The dead provider: its failures, under its origin only.
    expect(
      sample(caughtUp, "cortensor_rpc_errors_total", {
        chain_id: 31338,
        provider: "http://127.0.0.1:9",
        reason: "network",
      }),
    ).toBeGreaterThan(0);
    expect(caughtUp).not.toContain("SECRET-API-KEY");

    await app.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ _meta { chains { chainId } } }" }),
    });
    expect(await scrape()).toMatch(
      /cortensor_graphql_request_duration_seconds_count\{status="200"\} [1-9]/,
    );
  });

  it("reads the BullMQ queue's depth at scrape time", async () => {
    const text = await (running?.scrape() ?? Promise.reject(new Error("not started")));
    expect(sample(text, "cortensor_queue_up", { queue: QUEUE })).toBe(1);
    expect(sample(text, "cortensor_queue_paused", { queue: QUEUE })).toBe(0);
    // Two repeating jobs per chain: each has its next run queued, or is running.
    const queued = ["waiting", "active", "delayed"].reduce(
      (sum, state) => sum + (sample(text, "cortensor_queue_jobs", { queue: QUEUE, state }) ?? 0),
      0,
    );
    expect(queued).toBeGreaterThanOrEqual(4);
    expect(sample(text, "cortensor_queue_jobs", { queue: QUEUE, state: "failed" })).toBe(0);
    expect(sample(text, "cortensor_queue_job_failures_total", { queue: QUEUE })).toBe(0);
  });

  it("counts a reorg deeper than finality, and the failed jobs it causes", async () => {
    const url = devnet?.rpcEnv.RPC_URL_31337 ?? "";
    const anvil = createPublicClient({ transport: http(url) });
    // The devnet's finality depth is 0: replacing the head block reorgs an indexed block.
    await anvil.request({ method: "anvil_reorg" as never, params: [1, []] as never });
    const text = await waitFor("the reorg to be counted", async () => {
      const scraped = await running?.scrape();
      return scraped && (sample(scraped, "cortensor_reorgs_total", { chain_id: 31337 }) ?? 0) > 0
        ? scraped
        : null;
    });
    expect(sample(text, "cortensor_chain_has_error", { chain_id: 31337 })).toBe(1);
    expect(
      sample(text, "cortensor_job_failures_total", { job: "chain-sync", chain_id: 31337 }),
    ).toBeGreaterThan(0);
    expect(sample(text, "cortensor_reorgs_total", { chain_id: 31338 })).toBeUndefined();
    await waitFor("the queue's failure counter", async () => {
      const scraped = (await running?.scrape()) ?? "";
      return (sample(scraped, "cortensor_queue_job_failures_total", { queue: QUEUE }) ?? 0) > 0;
    });
  });
});

describe("/metrics with the in-process queue", () => {
  it("shows this process's schedules and counts its failed jobs", async () => {
    const queue = new InProcessWorkQueue();
    const metrics = new Metrics();
    metrics.observeQueue(queue);
    await queue.scheduleRepeating({ key: "a", name: "chain-sync", data: {}, everyMs: 50 });
    await queue.scheduleRepeating({ key: "b", name: "task-results", data: {}, everyMs: 50 });
    await queue.startProcessing(async (job) => {
      if (job.name === "task-results") throw new Error("injected by the test");
    });
    try {
      const text = await waitFor("two failed runs", async () => {
        const { body } = await metrics.scrape();
        const failures = sample(body, "cortensor_queue_job_failures_total", {
          queue: "in-process",
        });
        return (failures ?? 0) >= 2 ? body : null;
      });
      expect(sample(text, "cortensor_queue_up", { queue: "in-process" })).toBe(1);
      const scheduled = ["active", "delayed"].reduce(
        (sum, state) =>
          sum + (sample(text, "cortensor_queue_jobs", { queue: "in-process", state }) ?? 0),
        0,
      );
      expect(scheduled).toBe(2);
      const counts = await queue.counts({ byJob: true });
      expect(counts.byJob?.["chain-sync"]?.failed).toBe(0);
      expect(counts.byJob?.["task-results"]?.failed).toBeGreaterThanOrEqual(2);
    } finally {
      await queue.close();
    }
  });
});
