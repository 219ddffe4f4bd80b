import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { Metrics } from "../../src/observability/metrics.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import { type SyncWorkers, startSyncWorkers } from "../../src/sync/start-sync-workers.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** The value of one sample (`name{labels} value`) in a Prometheus text exposition. */
function sample(text: string, name: string, chainId: number): number | undefined {
  const line = text.split("\n").find((row) => row.startsWith(`${name}{chain_id="${chainId}"}`));
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

  it("moves the indexed block and event counters and brings the lag to zero", async () => {
    devnet = await startTestDevnet({ rounds: 2, sessionsPerRound: 2, tasksPerSession: 2, seed: 9 });
    database = await createTestDatabase("metrics");
    const metrics = new Metrics(database.handle.db);
    workers = await startSyncWorkers({
      network: devnet.network,
      database: database.handle,
      queue: new InProcessWorkQueue(),
      logger: pino({ level: "silent" }),
      metrics,
    });
    const app = createApiApp({ database: database.handle, metrics });
    const scrape = async () => {
      const response = await app.request("/metrics");
      expect(response.headers.get("content-type")).toContain("text/plain");
      return response.text();
    };

    const idle = await waitFor("the first sync round", async () => {
      const text = await scrape();
      return sample(text, "cortensor_chain_indexed_block", 31337) !== undefined ? text : null;
    });
    const indexedBefore = sample(idle, "cortensor_chain_indexed_block", 31337) ?? -1;
    const eventsBefore = sample(idle, "cortensor_events_stored_total", 31337) ?? 0;

    await devnet.simulate();
    const head = Number((await devnet.heads()).get(31337));
    const caughtUp = await waitFor("the lag to reach zero", async () => {
      const text = await scrape();
      return sample(text, "cortensor_chain_indexed_block", 31337) === head &&
        sample(text, "cortensor_chain_lag_blocks", 31337) === 0
        ? text
        : null;
    });

    expect(sample(caughtUp, "cortensor_chain_indexed_block", 31337)).toBeGreaterThan(indexedBefore);
    expect(sample(caughtUp, "cortensor_events_stored_total", 31337)).toBeGreaterThan(
      eventsBefore + 10,
    );
    expect(sample(caughtUp, "cortensor_chain_has_error", 31337)).toBe(0);
    await app.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ _meta { chains { chainId } } }" }),
    });
    expect(await scrape()).toMatch(
      /cortensor_graphql_request_duration_seconds_count\{status="200"\} [1-9]/,
    );
  });
});
