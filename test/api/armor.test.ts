import { getIntrospectionQuery } from "graphql";
import type { Hono } from "hono";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { GRAPHIQL_DEFAULT_QUERY } from "../../src/api/graphql/yoga.ts";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/api/middleware/body-limit.ts";
import { serveApi } from "../../src/api/serve.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { queryData, queryErrors } from "./helpers.ts";

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_armor");
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

/** A valid query `depth` levels deep: sessions → items → tasks → items → session → tasks → … */
function deepQuery(depth: number): string {
  const cycle = ["items", "session", "tasks"];
  const path = ["sessions", "items", "tasks"];
  while (path.length < depth - 1) path.push(cycle[(path.length - 3) % cycle.length] as string);
  return path
    .slice(0, depth - 1)
    .reduceRight((inner, field) => `{ ${field} ${inner} }`, "{ __typename }");
}

const TASK_FIELDS = `chainId sessionId taskId globalId status taskData clientReference miners
  finalMiners ackCount precommitCount commitCount submittedBlock submittedAt queuedBlock queuedAt
  assignedBlock assignedAt ackedBlock ackedAt precommittedBlock precommittedAt committedBlock
  committedAt endedBlock endedAt`;

test("a depth-50 query is refused", async () => {
  const errors = await queryErrors(app, deepQuery(50));
  expect(errors).toEqual([expect.stringMatching(/(depth|cost) limit of \d+ exceeded/i)]);
});

test("depth is limited to 10", async () => {
  await queryData(app, deepQuery(10));
  const errors = await queryErrors(app, deepQuery(12));
  expect(errors).toEqual([expect.stringMatching(/depth limit of 10 exceeded, found 12/)]);
});

test("1000 aliases are refused", async () => {
  const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(" ");
  const errors = await queryErrors(app, `{ ${aliases} }`);
  expect(errors).toEqual([expect.stringMatching(/(aliases|token) limit of \d+ exceeded/i)]);
});

test("more than 30 aliases are refused", async () => {
  const aliases = Array.from({ length: 31 }, (_, i) => `s${i}: sessions { totalCount }`).join(" ");
  const errors = await queryErrors(app, `{ ${aliases} }`);
  expect(errors).toEqual([expect.stringMatching(/aliases limit of 30 exceeded/i)]);
});

test("a page of 100 sessions each listing 100 tasks costs too much", async () => {
  const errors = await queryErrors(
    app,
    `{ sessions(first: 100) { items { tasks(first: 100) { items { ${TASK_FIELDS} } } } } }`,
  );
  expect(errors).toEqual([expect.stringMatching(/cost limit of \d+ exceeded/i)]);
});

test("ordinary dashboard queries pass: GraphiQL's example, a full page of every task field, nested lists", async () => {
  await queryData(app, GRAPHIQL_DEFAULT_QUERY);
  await queryData(app, `{ tasks(first: 1000) { items { ${TASK_FIELDS} } totalCount } }`);
  await queryData(
    app,
    `{
      _meta { chains { chainId latestBlock { number } } }
      sessions(first: 20) {
        items { sessionId taskCount tasks(first: 5) { items { taskId status session { owner } } } }
      }
    }`,
  );
});

test("GraphiQL's introspection query passes", async () => {
  const data = await queryData<{ __schema: { types: unknown[] } }>(
    app,
    getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
  );
  expect(data.__schema.types.length).toBeGreaterThan(10);
});

test("abusive requests over HTTP are refused with clear errors, and the server keeps answering", async () => {
  const server = await serveApi({ app, port: 0 });
  const send = async (body: BodyInit, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body,
      ...init,
    });
    return { status: response.status, body: (await response.json()) as GraphqlBody };
  };
  type GraphqlBody = { data?: unknown; errors?: { message: string; extensions?: unknown }[] };
  const messages = (body: GraphqlBody) => (body.errors ?? []).map((error) => error.message);
  const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(" ");
  const megabyte = JSON.stringify({ query: `{ ${"__typename ".repeat(100_000)}}` });
  const tooLarge = {
    message: `request body larger than ${DEFAULT_MAX_BODY_BYTES} bytes; send a shorter query`,
    extensions: { code: "PAYLOAD_TOO_LARGE" },
  };
  try {
    expect(messages((await send(JSON.stringify({ query: deepQuery(50) }))).body)).toEqual([
      expect.stringMatching(/(depth|cost) limit of \d+ exceeded/i),
    ]);
    expect(messages((await send(JSON.stringify({ query: `{ ${aliases} }` }))).body)).toEqual([
      expect.stringMatching(/(aliases|token) limit of \d+ exceeded/i),
    ]);
    const huge = await send(
      JSON.stringify({ query: "{ tasks(first: 1000000) { items { taskId } } }" }),
    );
    expect(messages(huge.body)).toEqual([
      expect.stringMatching(/cost limit of \d+ exceeded|first: must be between 0 and 1000/i),
    ]);

    expect(megabyte.length).toBeGreaterThan(1_000_000);
    expect(await send(megabyte)).toEqual({ status: 413, body: { errors: [tooLarge] } });
    // Without a Content-Length (chunked), the body is counted as it arrives and cut off.
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(megabyte));
        controller.close();
      },
    });
    expect(await send(chunked, { duplex: "half" } as RequestInit)).toEqual({
      status: 413,
      body: { errors: [tooLarge] },
    });

    expect(await send(JSON.stringify({ query: "{ tasks { totalCount } }" }))).toEqual({
      status: 200,
      body: { data: { tasks: { totalCount: 0 } } },
    });
  } finally {
    await server.close();
  }
});
