import type { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { Database } from "../../src/db/client.ts";
import { chainCheckpoints } from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { checkpointRow, hash } from "./fixtures.ts";
import { queryData } from "./helpers.ts";

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_status");
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.handle.db.delete(chainCheckpoints);
});

const insertCheckpoints = (...rows: (typeof chainCheckpoints.$inferInsert)[]) =>
  database.handle.db.insert(chainCheckpoints).values(rows);

const caughtUp = (chainId: number) =>
  checkpointRow(chainId, {
    lastIndexedBlock: 500n,
    lastIndexedHash: hash(500),
    lastIndexedTimestamp: 1_700_000_500n,
    headBlock: 500n,
    caughtUpAt: new Date(),
  });

async function getJson(target: Hono, path: string) {
  const response = await target.request(path);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("/health", () => {
  test("200 when the database answers", async () => {
    expect(await getJson(app, "/health")).toEqual({ status: 200, body: { status: "ok" } });
  });

  test("503 when it does not", async () => {
    const { status, body } = await getJson(brokenApp(), "/health");
    expect(status).toBe(503);
    expect(body).toEqual({ status: "unavailable", reason: "the database did not answer" });
  });
});

/** An app whose database refuses every statement. */
function brokenApp() {
  const refuse = () => {
    throw new Error("down");
  };
  const db = new Proxy({} as Database, { get: () => refuse });
  return createApiApp({ database: { db } });
}

describe("/ready", () => {
  test("503 before any chain is checkpointed", async () => {
    const { status, body } = await getJson(app, "/ready");
    expect(status).toBe(503);
    expect(body).toMatchObject({
      ready: false,
      chains: [],
      reason: expect.stringMatching(/no chain/),
    });
  });

  test("503 with per-chain progress while a chain catches up", async () => {
    await insertCheckpoints(
      caughtUp(1),
      checkpointRow(2, { lastIndexedBlock: 299n, headBlock: 1099n, lastError: "rpc timeout" }),
    );
    const { status, body } = await getJson(app, "/ready");
    expect(status).toBe(503);
    expect(body.reason).toMatch(/catching up: chains 2/);
    expect(body.chains).toEqual([
      expect.objectContaining({ chainId: 1, caughtUp: true, progress: 1, remainingBlocks: 0 }),
      {
        chainId: 2,
        name: "chain-2",
        network: "devnet",
        caughtUp: false,
        startBlock: 100,
        lastIndexedBlock: 299,
        headBlock: 1099,
        remainingBlocks: 800,
        progress: 0.2,
        lastError: "rpc timeout",
      },
    ]);
  });

  test("200 once every chain has caught up", async () => {
    await insertCheckpoints(caughtUp(1), caughtUp(2));
    const { status, body } = await getJson(app, "/ready");
    expect(status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.chains).toHaveLength(2);
  });

  test("503 when the database does not answer", async () => {
    const { status, body } = await getJson(brokenApp(), "/ready");
    expect(status).toBe(503);
    expect(body).toMatchObject({ ready: false, reason: "the database did not answer" });
  });

  test("503 while an expected chain has no checkpoint", async () => {
    await insertCheckpoints(caughtUp(1));
    const expecting = createApiApp({
      database: database.handle,
      readiness: { expectedChainIds: [1, 2] },
    });
    const { status, body } = await getJson(expecting, "/ready");
    expect(status).toBe(503);
    expect(body).toMatchObject({ ready: false, missingChainIds: [2] });
  });
});

describe("_meta", () => {
  test("reports every chain's latest block, head and errors", async () => {
    await insertCheckpoints(
      caughtUp(1),
      checkpointRow(2, { headBlock: 900n, lastError: "boom", lastErrorAt: new Date(0) }),
    );
    const data = await queryData<{ _meta: { chains: unknown[] } }>(
      app,
      `{ _meta { chains {
        chainId name network startBlock latestBlock { number hash timestamp } headBlock
        caughtUp hasIndexingErrors lastError lastErrorAt
      } } }`,
    );
    expect(data._meta.chains).toEqual([
      {
        chainId: 1,
        name: "chain-1",
        network: "devnet",
        startBlock: "100",
        latestBlock: { number: "500", hash: hash(500), timestamp: "1700000500" },
        headBlock: "500",
        caughtUp: true,
        hasIndexingErrors: false,
        lastError: null,
        lastErrorAt: null,
      },
      {
        chainId: 2,
        name: "chain-2",
        network: "devnet",
        startBlock: "100",
        latestBlock: null,
        headBlock: "900",
        caughtUp: false,
        hasIndexingErrors: true,
        lastError: "boom",
        lastErrorAt: "1970-01-01T00:00:00.000Z",
      },
    ]);
  });
});

test("unknown paths are 404", async () => {
  expect((await app.request("/nope")).status).toBe(404);
});
