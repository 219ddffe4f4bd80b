import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { events, sessions, tasks } from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { address, eventRow, hash, sessionRow, taskRow } from "./fixtures.ts";
import { queryData } from "./helpers.ts";

const STATUSES = ["QUEUED", "ASSIGNED", "ACKED", "PRECOMMITTED", "COMMITTED", "ENDED"] as const;

const taskSeed = Array.from({ length: 12 }, (_, i) =>
  taskRow(1 + (i % 2), i + 1, {
    status: STATUSES[i % STATUSES.length],
    queuedBlock: i === 3 ? null : BigInt(2000 + ((i * 7) % 12)),
  }),
);

const eventSeed = Array.from({ length: 15 }, (_, i) =>
  eventRow(
    100 + Math.floor(i / 3),
    i % 3,
    i % 4 === 0 ? { eventName: null, abi: null, args: null } : {},
  ),
);

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_tasks_events");
  const { db } = database.handle;
  await db.insert(sessions).values([sessionRow(1), sessionRow(2)]);
  await db.insert(tasks).values(taskSeed);
  await db.insert(events).values(eventSeed);
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

describe("tasks", () => {
  test("expose every field, with per-phase blocks as BigInt strings", async () => {
    const data = await queryData<{ task: Record<string, unknown> }>(
      app,
      `{
        task(chainId: 1, sessionId: "1", taskId: "1") {
          chainId sessionId taskId globalId status taskData clientReference miners finalMiners
          ackCount precommitCount commitCount
          submittedBlock submittedAt queuedBlock queuedAt assignedBlock assignedAt ackedBlock ackedAt
          precommittedBlock precommittedAt committedBlock committedAt endedBlock endedAt
          session { chainId sessionId sid }
        }
      }`,
    );
    expect(data.task).toMatchObject({
      chainId: 1,
      sessionId: "1",
      taskId: "1",
      globalId: "1001",
      status: "QUEUED",
      taskData: "prompt 1",
      ackCount: 0,
      queuedBlock: "2000",
      queuedAt: "1700001001",
      endedBlock: null,
      session: { chainId: 1, sessionId: "1", sid: "session-1" },
    });
  });

  test("filter by status and page in queuedBlock order", async () => {
    const collected: { taskId: string; queuedBlock: string | null }[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        tasks: {
          items: { taskId: string; queuedBlock: string | null }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          totalCount: number;
        };
      } = await queryData(
        app,
        `query ($after: String) {
          tasks(where: { status_in: [QUEUED, ACKED, ENDED] }, orderBy: queuedBlock, orderDirection: desc, first: 2, after: $after) {
            items { taskId queuedBlock }
            pageInfo { hasNextPage endCursor }
            totalCount
          }
        }`,
        { after },
      );
      collected.push(...data.tasks.items);
      expect(data.tasks.totalCount).toBe(6);
      if (!data.tasks.pageInfo.hasNextPage) break;
      after = data.tasks.pageInfo.endCursor;
    }
    const expected = taskSeed
      .filter((t) => ["QUEUED", "ACKED", "ENDED"].includes(t.status))
      .sort((a, b) => Number((b.queuedBlock ?? -1n) - (a.queuedBlock ?? -1n)))
      .map((t) => t.taskId);
    expect(collected.map((t) => t.taskId)).toEqual(expected);
  });
});

describe("events", () => {
  test("undecoded events: eventName null, decoded false, args null", async () => {
    const data = await queryData<{
      events: { items: Record<string, unknown>[]; totalCount: number };
    }>(
      app,
      `{ events(where: { eventName: null }) { items { blockNumber logIndex eventName decoded args } totalCount } }`,
    );
    const undecoded = eventSeed.filter((e) => e.eventName === null);
    expect(data.events.totalCount).toBe(undecoded.length);
    for (const item of data.events.items) {
      expect(item).toMatchObject({ eventName: null, decoded: false, args: null });
    }
  });

  test("decoded events carry their fields and JSON args", async () => {
    const data = await queryData<{ events: { items: Record<string, unknown>[] } }>(
      app,
      `{
        events(where: { blockNumber: 101, logIndex: 2, topic0: "${hash(0xabc)}" }) {
          items {
            chainId blockNumber logIndex blockHash blockTimestamp txHash txIndex contractAddress
            contractKind eventName abi topic0 topics data args decoded
          }
        }
      }`,
    );
    expect(data.events.items).toEqual([
      {
        chainId: 1,
        blockNumber: "101",
        logIndex: 2,
        blockHash: hash(101),
        blockTimestamp: "1700000101",
        txHash: hash(10102),
        txIndex: 0,
        contractAddress: address(0xc0ffee),
        contractKind: "SessionV2",
        eventName: "SessionCreated",
        abi: "v2",
        topic0: hash(0xabc),
        topics: [hash(0xabc)],
        data: "0x",
        args: { sessionId: "101" },
        decoded: true,
      },
    ]);
  });

  test.each(["asc", "desc"] as const)("page by blockNumber %s through every event", async (dir) => {
    const keys: string[] = [];
    let after: string | null = null;
    do {
      const data: {
        events: {
          items: { blockNumber: string; logIndex: number }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await queryData(
        app,
        `query ($after: String, $dir: OrderDirection) {
          events(orderBy: blockNumber, orderDirection: $dir, first: 4, after: $after) {
            items { blockNumber logIndex }
            pageInfo { hasNextPage endCursor }
          }
        }`,
        { after, dir },
      );
      keys.push(...data.events.items.map((e) => `${e.blockNumber}:${e.logIndex}`));
      after = data.events.pageInfo.hasNextPage ? data.events.pageInfo.endCursor : null;
    } while (after);
    const expected = eventSeed.map((e) => `${e.blockNumber}:${e.logIndex}`);
    expect(keys).toEqual(dir === "asc" ? expected : expected.reverse());
  });
});
