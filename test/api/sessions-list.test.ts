import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { sessions } from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { address, sessionRow } from "./fixtures.ts";
import { queryData } from "./helpers.ts";

type SessionInsert = typeof sessions.$inferInsert;

const UINT256_MAX = (2n ** 256n - 1n).toString();

/** 20 sessions on chain 1, 5 on chain 2 (two without a creation block), one huge id on chain 3. */
const seed: SessionInsert[] = [
  ...Array.from({ length: 20 }, (_, i) =>
    sessionRow(i + 1, { state: (i + 1) % 5 === 0 ? "DEACTIVATED" : "ACTIVE" }),
  ),
  ...Array.from({ length: 5 }, (_, i) =>
    sessionRow(i + 1, {
      chainId: 2,
      createdBlock: i < 2 ? null : BigInt(1005 + i),
      sid: ["a_b%c", "axb%c"][i] ?? `other-${i}`,
    }),
  ),
  sessionRow(0, { chainId: 3, sessionId: UINT256_MAX, createdBlock: 5n }),
];

const id = (row: { chainId?: number; sessionId?: string }) => `${row.chainId}:${row.sessionId}`;

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_sessions");
  await database.handle.db.insert(sessions).values(seed);
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

interface SessionsPage {
  sessions: {
    items: { chainId: number; sessionId: string; createdBlock: string | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}

const SESSIONS_QUERY = /* GraphQL */ `
  query ($where: SessionFilter, $orderBy: SessionOrderBy, $dir: OrderDirection, $first: Int, $after: String) {
    sessions(where: $where, orderBy: $orderBy, orderDirection: $dir, first: $first, after: $after) {
      items { chainId sessionId createdBlock }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`;

/** Follows `after` until the last page and returns every item, checking totalCount on each page. */
async function readAllPages(variables: Record<string, unknown>, pageSize: number) {
  const items: SessionsPage["sessions"]["items"] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const { sessions: result }: SessionsPage = await queryData<SessionsPage>(app, SESSIONS_QUERY, {
      ...variables,
      first: pageSize,
      after,
    });
    items.push(...result.items);
    expect(result.items.length).toBeLessThanOrEqual(pageSize);
    if (!result.pageInfo.hasNextPage) return { items, totalCount: result.totalCount };
    after = result.pageInfo.endCursor;
  }
  throw new Error("pagination did not end");
}

async function matchingIds(where: Record<string, unknown>): Promise<string[]> {
  const { items, totalCount } = await readAllPages({ where }, 1000);
  expect(totalCount).toBe(items.length);
  return items.map((item) => id(item)).sort();
}

const expectedIds = (predicate: (row: SessionInsert) => boolean) =>
  seed.filter(predicate).map(id).sort();

describe("sessions list", () => {
  test("defaults to primary-key order, 50 per page", async () => {
    const { sessions: page } = await queryData<SessionsPage>(app, SESSIONS_QUERY);
    expect(page.items.map(id)).toEqual(
      seed.map(id).sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
    );
    expect(page.totalCount).toBe(seed.length);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  test.each([1, 4, 7, 26])("pages of %i give every row exactly once", async (pageSize) => {
    const { items, totalCount } = await readAllPages({}, pageSize);
    expect(totalCount).toBe(seed.length);
    expect(items.map(id).sort()).toEqual(seed.map(id).sort());
    expect(new Set(items.map(id)).size).toBe(seed.length);
  });

  test.each(["asc", "desc"] as const)(
    "orderBy a nullable field (%s) pages through every row, NULLs last",
    async (dir) => {
      const { items } = await readAllPages({ orderBy: "createdBlock", dir }, 3);
      expect(items).toHaveLength(seed.length);
      expect(new Set(items.map(id)).size).toBe(seed.length);
      const blocks = items.map((item) => item.createdBlock);
      const firstNull = blocks.indexOf(null);
      expect(firstNull).toBe(seed.length - 2);
      const numbers = blocks.slice(0, firstNull).map(Number);
      const sorted = [...numbers].sort((a, b) => (dir === "asc" ? a - b : b - a));
      expect(numbers).toEqual(sorted);
    },
  );

  test.each(["asc", "desc"] as const)("orderBy sessionId %s sorts numerically", async (dir) => {
    const { items } = await readAllPages({ orderBy: "sessionId", dir }, 5);
    const ids = items.map((item) => BigInt(item.sessionId));
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(ids).toEqual(dir === "asc" ? sorted : sorted.reverse());
    expect(items[dir === "asc" ? items.length - 1 : 0]?.sessionId).toBe(UINT256_MAX);
  });

  const operatorCases: [string, Record<string, unknown>, (row: SessionInsert) => boolean][] = [
    ["eq", { chainId: 2 }, (r) => r.chainId === 2],
    ["not", { chainId_not: 1 }, (r) => r.chainId !== 1],
    ["in", { sessionId_in: ["3", 4, "05"] }, (r) => ["3", "4", "5"].includes(r.sessionId)],
    ["not_in", { sessionId_not_in: ["1", "2"] }, (r) => !["1", "2"].includes(r.sessionId)],
    ["gt", { sessionId_gt: "18" }, (r) => BigInt(r.sessionId) > 18n],
    ["gte", { createdBlock_gte: "1018" }, (r) => (r.createdBlock ?? -1n) >= 1018n],
    ["lt", { createdAt_lt: 1_700_000_003 }, (r) => (r.createdAt ?? 0n) < 1_700_000_003n],
    ["lte", { createdBlock_lte: "1002" }, (r) => (r.createdBlock ?? 2000n) <= 1002n],
    ["enum eq", { state: "DEACTIVATED" }, (r) => r.state === "DEACTIVATED"],
    ["null eq", { createdBlock: null }, (r) => r.createdBlock === null],
    ["null not", { createdBlock_not: null }, (r) => r.createdBlock !== null],
    [
      "address, any case",
      { owner: address(1).toUpperCase().replace("0X", "0x") },
      (r) => r.owner === address(1),
    ],
    [
      "address in",
      { owner_in: [address(0), address(2)] },
      (r) => [address(0), address(2)].includes(r.owner ?? ""),
    ],
    ["starts_with", { sid_starts_with: "session-1" }, (r) => (r.sid ?? "").startsWith("session-1")],
    ["starts_with: _ is literal", { sid_starts_with: "a_b" }, (r) => r.sid === "a_b%c"],
    ["starts_with: % is literal", { sid_starts_with: "a%" }, () => false],
    ["address prefix", { owner_starts_with: "0x000" }, () => true],
    ["uint256 max", { sessionId: UINT256_MAX }, (r) => r.sessionId === UINT256_MAX],
    ["empty in", { sessionId_in: [] }, () => false],
    [
      "AND",
      { AND: [{ chainId: 1 }, { sessionId_lte: "3" }] },
      (r) => r.chainId === 1 && BigInt(r.sessionId) <= 3n,
    ],
    [
      "OR",
      { OR: [{ chainId: 3 }, { chainId: 2, sessionId: "1" }] },
      (r) => r.chainId === 3 || (r.chainId === 2 && r.sessionId === "1"),
    ],
    [
      "fields and OR together",
      { chainId: 1, OR: [{ sessionId: "1" }, { sessionId: "2" }] },
      (r) => r.chainId === 1 && ["1", "2"].includes(r.sessionId),
    ],
  ];

  test.each(operatorCases)("where %s", async (_name, where, predicate) => {
    expect(await matchingIds(where)).toEqual(expectedIds(predicate));
  });

  test("filters and ordering combine with pagination", async () => {
    const where = { chainId: 1, state: "ACTIVE" };
    const { items, totalCount } = await readAllPages(
      { where, orderBy: "createdAt", dir: "desc" },
      3,
    );
    const expected = seed
      .filter((r) => r.chainId === 1 && r.state === "ACTIVE")
      .sort((a, b) => Number((b.createdAt ?? 0n) - (a.createdAt ?? 0n)))
      .map(id);
    expect(items.map(id)).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  test("session(chainId, sessionId) finds one session or null", async () => {
    const data = await queryData<{ found: unknown; missing: unknown; huge: unknown }>(
      app,
      `{
        found: session(chainId: 1, sessionId: 7) { sessionId owner miners state createdAt createdTx }
        missing: session(chainId: 9, sessionId: "7") { sessionId }
        huge: session(chainId: 3, sessionId: "${UINT256_MAX}") { sessionId createdBlock }
      }`,
    );
    expect(data.found).toEqual({
      sessionId: "7",
      owner: address(1),
      miners: [address(107)],
      state: "ACTIVE",
      createdAt: "1700000007",
      createdTx: seed[6]?.createdTx,
    });
    expect(data.missing).toBeNull();
    expect(data.huge).toEqual({ sessionId: UINT256_MAX, createdBlock: "5" });
  });
});
