import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { type Indexing, startIndexing } from "../../src/cli/commands/worker.ts";
import type { Runtime } from "../../src/cli/runtime.ts";
import { openPhaseRuntime } from "../../src/cli/runtime.ts";
import { BullmqWorkQueue } from "../../src/queue/bullmq-work-queue.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { allItems, graphql } from "../fixtures/graphql.ts";
import { waitForIndexedTo } from "../fixtures/indexed-to-heads.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";
import { testRuntime } from "./fixtures.ts";

const ADMIN_TOKEN = "admin-token-for-the-reset-tests";
const EVENT_FIELDS = "chainId blockNumber logIndex blockHash eventName args";
const TASK_FIELDS = "chainId sessionId taskId status miners commitCount";

interface EventItem {
  chainId: number;
  blockNumber: string;
  logIndex: number;
}

let devnet: TestDevnet;
let database: TestDatabase;
let runtime: Runtime;
let indexing: Indexing;
let app: Hono;
let heads: Map<number, bigint>;
/** Phase B's start block per chain: the middle of what phase A indexed. */
let middle: Map<number, bigint>;

function apiWith(indexingNow: Indexing, queue = indexingNow.queue): Hono {
  return createApiApp({
    database: database.handle,
    phases: indexingNow.phases,
    admin: {
      tokens: [{ name: "ops", key: ADMIN_TOKEN }],
      reset: { database: database.handle, queue, logger: pino({ level: "silent" }) },
    },
  });
}

function postReset(target: Hono, body: unknown, headers: Record<string, string> = {}) {
  return target.request("/admin/reset", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** Exports of the whole phase, compared before and after the reset. */
const EXPORTS = ["/export/tasks.csv", "/export/sessions.ndjson", "/export/events.ndjson"];

async function exportBody(target: Hono, path: string): Promise<string> {
  const response = await target.request(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

const RESET_MUTATION = /* GraphQL */ `
  mutation($input: ResetPhaseInput!) {
    resetPhase(input: $input) { created reset { phase state requestedBy } }
  }
`;

function postMutation(target: Hono, input: unknown, headers: Record<string, string> = {}) {
  return target.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: RESET_MUTATION, variables: { input } }),
  });
}

async function journalSize(): Promise<number> {
  const [row] = await database.handle.rows<{ n: number }>(
    sql`select count(*)::int as n from cortensor.phase_resets`,
  );
  return row?.n ?? -1;
}

async function metaStartBlocks(target: Hono): Promise<Record<number, string>> {
  const data = await graphql<{ _meta: { chains: { chainId: number; startBlock: string }[] } }>(
    target,
    "{ _meta { chains { chainId startBlock } } }",
  );
  return Object.fromEntries(data._meta.chains.map((chain) => [chain.chainId, chain.startBlock]));
}

beforeAll(async () => {
  devnet = await startTestDevnet({ rounds: 2 });
  await devnet.simulate();
  heads = await devnet.heads();
  middle = new Map([...heads].map(([chainId, head]) => [chainId, head / 2n]));
  database = await createTestDatabase("reset");
  runtime = testRuntime({
    databaseUrl: database.url,
    queuePrefix: uniqueQueuePrefix("reset"),
    network: devnet.network,
    rpcEnv: devnet.rpcEnv,
    phase: "phase-a",
  });
  indexing = await startIndexing(runtime, database.handle, openPhaseRuntime(database.handle));
  await waitForIndexedTo(database.handle.db, heads, "phase A indexed to the heads");
  // Task results are read behind the sync: phase A is complete once they are in.
  await waitFor("phase A's task results", async () => {
    const [row] = await database.handle.rows<{ n: number }>(
      sql`select count(*)::int as n from task_result_fetches where status = 'PENDING'`,
    );
    return row?.n === 0;
  });
  app = apiWith(indexing);
}, 180_000);

afterAll(async () => {
  await indexing?.workers.stop();
  await indexing?.phases.close();
  await devnet?.stop();
  await database?.drop();
});

describe("phase resets on the devnet", () => {
  const resetToB = () => ({
    phase: "phase-b",
    network: "devnet",
    startBlocks: Object.fromEntries([...middle].map(([chain, block]) => [chain, String(block)])),
  });

  it("refuses resets without a valid admin token over HTTP and GraphQL, changing nothing", async () => {
    expect((await postReset(app, resetToB())).status).toBe(401);
    const wrong = await postReset(app, resetToB(), {
      authorization: "Bearer not-the-admin-token-at-all",
    });
    expect(wrong.status).toBe(401);

    const input = { phase: "phase-b", network: "devnet" };
    const attempts: Record<string, string>[] = [
      {},
      { "x-admin-token": "not-the-admin-token-at-all" },
    ];
    for (const headers of attempts) {
      const response = await postMutation(app, input, headers);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    }

    const { phases } = await graphql<{ phases: { id: string; status: string }[] }>(
      app,
      "{ phases { id status serving } }",
    );
    expect(phases).toEqual([{ id: "phase-a", status: "indexing", serving: true }]);
    expect(await journalSize()).toBe(0);
  });

  it("serves only phase B after the reset, while phase A stays whole and queryable", async () => {
    const eventsBefore = await allItems<EventItem>(app, "events", {}, EVENT_FIELDS);
    const tasksBefore = await allItems(app, "tasks", {}, TASK_FIELDS);
    expect(eventsBefore.length).toBeGreaterThan(100);
    const exportsBefore = await Promise.all(EXPORTS.map((path) => exportBody(app, path)));

    // Two operators at once, one over HTTP and one over GraphQL: one reset happens.
    const [http, mutation] = await Promise.all([
      postReset(app, resetToB(), { authorization: `Bearer ${ADMIN_TOKEN}` }),
      postMutation(
        app,
        {
          phase: "phase-b",
          network: "devnet",
          startBlocks: [...middle].map(([chainId, block]) => ({ chainId, block: String(block) })),
        },
        { "x-admin-token": ADMIN_TOKEN },
      ),
    ]);
    const httpBody = (await http.json()) as { created: boolean; reset: { state: string } };
    const mutationBody = (await mutation.json()) as {
      data: { resetPhase: { created: boolean; reset: { state: string; requestedBy: string } } };
    };
    expect(http.status).toBe(200);
    expect(
      [httpBody.created, mutationBody.data.resetPhase.created].sort((a, b) => +a - +b),
    ).toEqual([false, true]);
    expect(httpBody.reset.state).toBe("completed");
    expect(mutationBody.data.resetPhase.reset).toMatchObject({
      state: "completed",
      requestedBy: "ops",
    });
    expect(await journalSize()).toBe(1);

    const phaseB = await indexing.phases.resolve("phase-b");
    // What the workers and the chain gauges read now.
    expect((await indexing.phases.indexing()).schemaName).toBe(phaseB.phase?.schemaName);
    await waitForIndexedTo(phaseB.database.db, heads, "phase B indexed to the heads");

    // The default answer is phase B: its start blocks, and exactly the events from there on.
    expect(await metaStartBlocks(app)).toEqual(
      Object.fromEntries([...middle].map(([chain, block]) => [chain, String(block)])),
    );
    const eventsAfter = await allItems<EventItem>(app, "events", {}, EVENT_FIELDS);
    const expectedB = eventsBefore.filter(
      (event) => BigInt(event.blockNumber) >= (middle.get(event.chainId) ?? 0n),
    );
    expect(expectedB.length).toBeGreaterThan(0);
    expect(expectedB.length).toBeLessThan(eventsBefore.length);
    expect(eventsAfter).toEqual(expectedB);

    // Phase A is untouched and answers under its name.
    const phaseAOptions = { phase: "phase-a" };
    expect(await allItems(app, "events", {}, EVENT_FIELDS, phaseAOptions)).toEqual(eventsBefore);
    expect(await allItems(app, "tasks", {}, TASK_FIELDS, phaseAOptions)).toEqual(tasksBefore);
    // And so do its exports, byte for byte.
    const exportsOfA = await Promise.all(
      EXPORTS.map((path) => exportBody(app, `${path}?phase=phase-a`)),
    );
    expect(exportsOfA).toEqual(exportsBefore);
    expect(exportsOfA[0]?.length).toBeGreaterThan(1000);

    const { phases } = await graphql<{ phases: Record<string, unknown>[] }>(
      app,
      `{ phases { id status serving archivedAt counts { events }
          chains { chainId startBlock lastIndexedBlock }
          reset { fromPhase requestedBy switch steps { state } } } }`,
    );
    expect(phases.map(({ id, status, serving }) => ({ id, status, serving }))).toEqual([
      { id: "phase-a", status: "archived", serving: false },
      { id: "phase-b", status: "indexing", serving: true },
    ]);
    expect(phases[0]).toMatchObject({ counts: { events: eventsBefore.length }, reset: null });
    expect(phases[0]?.archivedAt).toBeTruthy();
    expect(phases[1]).toMatchObject({
      counts: { events: expectedB.length },
      reset: {
        fromPhase: "phase-a",
        requestedBy: "ops",
        switch: "immediate",
        steps: ["requested", "paused", "prepared", "cut-over", "completed"].map((state) => ({
          state,
        })),
      },
    });
  }, 120_000);

  it("reports the existing reset when asked again and refuses an archived phase id", async () => {
    const again = await postReset(app, resetToB(), { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { created: boolean }).created).toBe(false);

    const archived = await postReset(
      app,
      { phase: "phase-a", network: "devnet" },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(archived.status).toBe(409);
    expect(((await archived.json()) as { error: string }).error).toMatch(/phase-a.*archived/);

    const malformed = await postReset(
      app,
      { phase: "Phase B!", network: "devnet" },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(malformed.status).toBe(400);
    expect(await journalSize()).toBe(1);

    const unknown = await app.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ _meta(phase: "phase-z") { chains { chainId } } }' }),
    });
    const body = (await unknown.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/phase: unknown phase "phase-z".*phase-a, phase-b/);
  });

  it("keeps serving the archived phase after a when-ready reset until the new one caught up", async () => {
    await indexing.workers.stop();
    const queue = new BullmqWorkQueue({
      redisUrl: TEST_REDIS_URL,
      prefix: runtime.env.QUEUE_PREFIX,
    });
    const stoppedApp = apiWith(indexing, queue);
    const late = new Map([...heads].map(([chainId, head]) => [chainId, head - 3n]));
    const response = await postReset(
      stoppedApp,
      {
        phase: "phase-c",
        network: "devnet",
        switch: "when-ready",
        startBlocks: Object.fromEntries([...late].map(([chain, block]) => [chain, String(block)])),
      },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(response.status).toBe(200);
    await queue.close();

    // No worker runs: phase C cannot have caught up, so readers still get phase B.
    expect(await metaStartBlocks(stoppedApp)).toEqual(
      Object.fromEntries([...middle].map(([chain, block]) => [chain, String(block)])),
    );

    indexing = await startIndexing(runtime, database.handle, openPhaseRuntime(database.handle));
    const expectedC = Object.fromEntries([...late].map(([chain, block]) => [chain, String(block)]));
    await waitFor("the API to switch to phase C", async () => {
      const starts = await metaStartBlocks(apiWith(indexing));
      return JSON.stringify(starts) === JSON.stringify(expectedC);
    });
    const { phases } = await graphql<{
      phases: { id: string; status: string; serving: boolean; reset: { switchedAt: string } }[];
    }>(apiWith(indexing), "{ phases { id status serving reset { switchedAt } } }");
    expect(phases.map(({ id, status, serving }) => ({ id, status, serving }))).toEqual([
      { id: "phase-a", status: "archived", serving: false },
      { id: "phase-b", status: "archived", serving: false },
      { id: "phase-c", status: "indexing", serving: true },
    ]);
    expect(phases[2]?.reset.switchedAt).toBeTruthy();
  }, 120_000);
});
