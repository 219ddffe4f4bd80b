import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { Database } from "../../src/db/client.ts";
import { sessions } from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { sessionRow } from "./fixtures.ts";
import { postGraphql, queryData, queryErrors } from "./helpers.ts";

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_errors");
  await database.handle.db.insert(sessions).values([1, 2, 3].map((n) => sessionRow(n)));
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

const cursorOf = async (args: string) => {
  const data = await queryData<{ sessions: { pageInfo: { endCursor: string } } }>(
    app,
    `{ sessions(first: 1${args}) { pageInfo { endCursor } } }`,
  );
  return data.sessions.pageInfo.endCursor;
};

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("first", () => {
  test.each([1001, -1])("first: %i names first and the cap", async (first) => {
    const errors = await queryErrors(app, `{ sessions(first: ${first}) { totalCount } }`);
    expect(errors).toEqual([`first: must be between 0 and 1000, got ${first}`]);
  });

  test("the cap follows maxPageSize", async () => {
    const small = createApiApp({ database: database.handle, maxPageSize: 2 });
    expect(await queryErrors(small, "{ sessions(first: 3) { totalCount } }")).toEqual([
      "first: must be between 0 and 2, got 3",
    ]);
    const data = await queryData<{ sessions: { items: unknown[] } }>(
      small,
      "{ sessions { items { sessionId } } }",
    );
    expect(data.sessions.items).toHaveLength(2);
  });

  test("a nested list checks first too", async () => {
    const errors = await queryErrors(
      app,
      "{ session(chainId: 1, sessionId: 1) { tasks(first: 5000) { totalCount } } }",
    );
    expect(errors).toEqual(["first: must be between 0 and 1000, got 5000"]);
  });

  test("first: 0 returns no items but tells whether rows exist", async () => {
    const data = await queryData<{ sessions: unknown }>(
      app,
      "{ sessions(first: 0) { items { sessionId } pageInfo { hasNextPage endCursor } totalCount } }",
    );
    expect(data.sessions).toEqual({
      items: [],
      pageInfo: { hasNextPage: true, endCursor: null },
      totalCount: 3,
    });
  });
});

describe("after", () => {
  test.each([
    ["not base64 JSON", "garbage!"],
    ["JSON without values", base64({ orderBy: "chainId", direction: "asc" })],
    ["wrong value count", base64({ orderBy: "chainId", direction: "asc", values: [1] })],
    ["wrong value type", base64({ orderBy: "chainId", direction: "asc", values: ["x", "1"] })],
    ["non-decimal id", base64({ orderBy: "chainId", direction: "asc", values: [1, "1e3"] })],
    ["null in a key field", base64({ orderBy: "chainId", direction: "asc", values: [1, null] })],
    ["too long", "a".repeat(5000)],
  ])("a malformed cursor (%s) is refused", async (_name, cursor) => {
    const errors = await queryErrors(
      app,
      "query ($after: String) { sessions(after: $after) { totalCount } }",
      { after: cursor },
    );
    expect(errors).toEqual(["after: malformed cursor; pass an endCursor"]);
  });

  test("a cursor from another ordering is refused with both orderings named", async () => {
    const cursor = await cursorOf(", orderBy: createdBlock");
    const errors = await queryErrors(
      app,
      "query ($after: String) { sessions(orderBy: createdBlock, orderDirection: desc, after: $after) { totalCount } }",
      { after: cursor },
    );
    expect(errors).toEqual([
      "after: cursor belongs to orderBy createdBlock asc, but this query orders by createdBlock desc",
    ]);
  });
});

describe("where", () => {
  test.each([
    ['{ sessionId: "abc" }', "where.sessionId:"],
    ['{ sessionId_in: ["1", "x"] }', "where.sessionId_in[1]:"],
    [
      '{ OR: [{ chainId: 1 }, { AND: [{ createdBlock_gt: "1.5" }] }] }',
      "where.OR[1].AND[0].createdBlock_gt:",
    ],
  ])("a malformed BigInt literal %s names its field", async (where, prefix) => {
    const errors = await queryErrors(app, `{ sessions(where: ${where}) { totalCount } }`);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.startsWith(`${prefix} expected a decimal integer string`)).toBe(true);
  });

  test("a malformed BigInt variable names its path", async () => {
    const errors = await queryErrors(
      app,
      "query ($where: SessionFilter) { sessions(where: $where) { totalCount } }",
      { where: { sessionId: "abc" } },
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^Variable "\$where" got invalid value "abc" at "where.sessionId"; .*decimal integer/,
      ),
    ]);
  });

  test.each([
    [
      '{ createdBlock_gt: "99999999999999999999" }',
      "where.createdBlock_gt: 99999999999999999999 is outside the 64-bit range of this field",
    ],
    ['{ sessionId: "-1" }', "where.sessionId: -1 is outside the uint256 range"],
    ['{ owner: "0x1234" }', 'where.owner: expected an address: 0x and 40 hex digits, got "0x1234"'],
    [
      '{ owner_starts_with: "zz" }',
      'where.owner_starts_with: expected the start of an address: 0x and up to 40 hex digits, got "zz"',
    ],
    [
      '{ createdTx_in: ["0xabc"] }',
      'where.createdTx_in[0]: expected a hash: 0x and 64 hex digits, got "0xabc"',
    ],
    [
      '{ OR: [{ chainId: 1 }, { owner: "nope" }] }',
      'where.OR[1].owner: expected an address: 0x and 40 hex digits, got "nope"',
    ],
  ])("an invalid value %s is refused", async (where, message) => {
    expect(await queryErrors(app, `{ sessions(where: ${where}) { totalCount } }`)).toEqual([
      message,
    ]);
  });

  test("an invalid key argument names the argument", async () => {
    expect(
      await queryErrors(app, '{ session(chainId: 1, sessionId: "0x10") { sessionId } }'),
    ).toEqual([expect.stringMatching(/^sessionId: expected a decimal integer string/)]);
  });
});

describe("internal errors", () => {
  test("are masked without internals", async () => {
    const failing = new Proxy({} as Database, {
      get() {
        throw new Error("connection to 10.0.0.7 refused: password authentication failed");
      },
    });
    const broken = createApiApp({ database: { db: failing } });
    const result = await postGraphql(broken, "{ sessions { totalCount } }");
    expect(result.errors?.map((e) => e.message)).toEqual(["Unexpected error."]);
    expect(JSON.stringify(result)).not.toMatch(/password|10\.0\.0\.7|stack/);
  });
});
