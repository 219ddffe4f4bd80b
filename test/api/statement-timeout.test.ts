import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { postGraphql, queryData } from "./helpers.ts";

const TIMEOUT_MS = 300;
const QUERY = "{ tasks(first: 5) { totalCount items { taskId } } }";

let database: TestDatabase;
let api: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase("api_timeout");
  api = await openDatabase({
    databaseUrl: database.url,
    maxConnections: 2,
    statementTimeoutMs: TIMEOUT_MS,
  });
});
afterAll(async () => {
  await api?.close();
  await database?.drop();
});

test("the API's connections carry the statement timeout", async () => {
  const [setting] = await api.rows<{ statement_timeout: string }>(sql`show statement_timeout`);
  expect(setting?.statement_timeout).toBe(`${TIMEOUT_MS}ms`);
});

test("a query running past the timeout gets a clear GraphQL error, and the server keeps answering", async () => {
  const app = createApiApp({ database: api });
  // Another session holds the table: the API's query waits on the lock until Postgres cancels it.
  const locker = postgres(database.url, { max: 1, onnotice: () => {} });
  let result: Awaited<ReturnType<typeof postGraphql>> | undefined;
  let elapsed = 0;
  try {
    await locker.begin(async (tx) => {
      await tx`lock table tasks in access exclusive mode`;
      const started = performance.now();
      result = await postGraphql(app, QUERY);
      elapsed = performance.now() - started;
    });
  } finally {
    await locker.end();
  }

  expect(result?.status).toBe(200);
  expect(result?.errors).toEqual([
    {
      message:
        "the query ran longer than this server allows and was cancelled; ask for fewer rows or a narrower range",
      path: ["tasks"],
      locations: expect.any(Array),
      extensions: { code: "QUERY_TIMEOUT" },
    },
  ]);
  expect(JSON.stringify(result)).not.toMatch(/select|statement_timeout|canceling/i);
  expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  expect(elapsed).toBeLessThan(5000);

  const data = await queryData<{ tasks: { totalCount: number } }>(app, QUERY);
  expect(data.tasks.totalCount).toBe(0);
});
