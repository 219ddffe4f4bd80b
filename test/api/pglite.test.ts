import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { rebuildTaskCounters } from "../../src/db/rebuild-task-counters.ts";
import {
  blockHashes,
  chainCheckpoints,
  nodes,
  sessions,
  taskAssignments,
  tasks,
} from "../../src/db/schema/index.ts";
import {
  assignmentRow,
  blockHashRow,
  minerAddress,
  nodeRow,
  outcomeAt,
  phaseAt,
  T0,
} from "./domain-fixtures.ts";
import { checkpointRow, sessionRow, taskRow } from "./fixtures.ts";
import { queryData } from "./helpers.ts";

/** The embedded default: the same queries (keyset rows, window functions) must run on PGlite. */
let dataDir: string;
let handle: DatabaseHandle;
let app: Hono;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "api-pglite-"));
  handle = await openDatabase({ dataDir });
  await handle.migrate();
  await handle.db
    .insert(sessions)
    .values([1, 2, 3].map((id) => sessionRow(id, { createdBlock: id === 2 ? null : BigInt(id) })));
  await handle.db.insert(tasks).values([taskRow(1, 1), taskRow(1, 2), taskRow(3, 1)]);
  await rebuildTaskCounters(handle.db);
  await handle.db.insert(nodes).values(nodeRow(1));
  await handle.db.insert(taskAssignments).values(
    assignmentRow({ sessionId: 1, taskId: 1 }, 1, 200, {
      ...phaseAt("acked", 202),
      ...phaseAt("committed", 210),
      ...outcomeAt("COMMITTED", 220),
    }),
  );
  await handle.db.insert(chainCheckpoints).values(checkpointRow(1, { lastIndexedBlock: 1000n }));
  await handle.db.insert(blockHashes).values(blockHashRow(900));
  app = createApiApp({ database: handle });
});
afterAll(async () => {
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("lists, filters, cursors and nested lists work on PGlite", async () => {
  const query = `query ($after: String) {
    sessions(where: { sessionId_gte: 1, owner_starts_with: "0x" }, orderBy: createdBlock, orderDirection: desc, first: 2, after: $after) {
      items { sessionId createdBlock taskCount tasks(first: 1) { items { taskId session { sessionId } } totalCount } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type Result = {
    sessions: {
      items: { sessionId: string; createdBlock: string | null; taskCount: number }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
  };
  const first = await queryData<Result>(app, query, { after: null });
  expect(first.sessions.items.map((s) => [s.sessionId, s.createdBlock, s.taskCount])).toEqual([
    ["3", "3", 1],
    ["1", "1", 2],
  ]);
  const second = await queryData<Result>(app, query, { after: first.sessions.pageInfo.endCursor });
  expect(second.sessions.items.map((s) => s.sessionId)).toEqual(["2"]);
  expect(second.sessions.pageInfo.hasNextPage).toBe(false);
  expect((await app.request("/health")).status).toBe(200);
});

test("relations, aggregates and oracle signals work on PGlite", async () => {
  const window = `from: "${T0}", to: "${T0 + 86_400n}"`;
  const data = await queryData(
    app,
    `{
      networkStats(chainId: 1) { tasks { total } miners { total } }
      taskTimeSeries(chainId: 1, interval: DAY, ${window}) { buckets { submitted } }
      taskLatency(chainId: 1, ${window}) { ack { count p50 } }
      nodes { items { assignments { items { status task { taskId } } } } }
      oracleNodeSignals(chainId: 1, address: "${minerAddress(1)}", ${window}) {
        atBlock block { number } ended successRatio latency { ack { p95 } } replicas { tasksEvaluated }
      }
    }`,
  );
  expect(data).toEqual({
    networkStats: { tasks: { total: 3 }, miners: { total: 1 } },
    taskTimeSeries: { buckets: [{ submitted: 3 }, { submitted: 0 }] },
    taskLatency: { ack: { count: 1, p50: 2 } },
    nodes: {
      items: [{ assignments: { items: [{ status: "COMMITTED", task: { taskId: "1" } }] } }],
    },
    oracleNodeSignals: {
      atBlock: "1000",
      block: { number: "900" },
      ended: 1,
      successRatio: 1,
      latency: { ack: { p95: 2 } },
      replicas: { tasksEvaluated: 0 },
    },
  });
});
