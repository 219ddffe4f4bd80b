import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import {
  nodePoolEvents,
  nodeReputationRecords,
  nodeStats,
  nodes,
  taskAssignments,
} from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { assignmentRow, minerAddress, nodeId, nodeRow, outcomeAt } from "./domain-fixtures.ts";
import { queryData } from "./helpers.ts";

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_nodes");
  const { db } = database.handle;
  await db.insert(nodes).values([
    nodeRow(1, {
      level: 3,
      version: "1.2.0",
      tasksAssigned: 4,
      tasksAcked: 3,
      tasksPrecommitted: 3,
      tasksCommitted: 2,
      tasksEnded: 4,
      tasksSucceeded: 2,
      missedAck: 1,
      missedCommit: 1,
      ackLatencySum: 9n,
      precommitLatencySum: 12n,
      commitLatencySum: 5n,
    }),
    nodeRow(2, { nodeId: null, poolState: null }),
    nodeRow(3, { poolState: "REMOVED", tasksCommitted: 10 }),
  ]);
  await db
    .insert(taskAssignments)
    .values([
      ...[1, 2, 3, 4].map((taskId) =>
        assignmentRow(
          { sessionId: 1, taskId },
          1,
          190 + 10 * taskId,
          taskId < 3 ? outcomeAt("COMMITTED", 260) : {},
        ),
      ),
      assignmentRow({ sessionId: 1, taskId: 1 }, 3, 200),
    ]);
  await db.insert(nodeReputationRecords).values(
    [300, 301, 302, 303].map((block, i) => ({
      chainId: 1,
      blockNumber: BigInt(block),
      logIndex: 0,
      nodeId: nodeId(i === 3 ? 3 : 1),
      state: i === 1 ? "FAILURE" : "SUCCESS",
      success: i !== 1,
      timestamp: String(1_700_000_300 + i),
    })),
  );
  await db.insert(nodeStats).values({
    chainId: 1,
    nodeId: nodeId(1),
    address: minerAddress(1),
    pingCounter: "17",
    lastPingBlock: 400n,
    level: "2",
    resets: 1,
    updatedBlock: 400n,
  });
  await db.insert(nodePoolEvents).values(
    [
      [150, "NodeAdded", 1],
      [160, "NodeReserved", 1],
      [170, "NodeRemoved", 3],
    ].map(([block, event, n]) => ({
      chainId: 1,
      blockNumber: BigInt(block as number),
      logIndex: 0,
      event: event as string,
      nodeId: nodeId(n as number),
      address: minerAddress(n as number),
    })),
  );
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

const NODE_FIELDS = `chainId address nodeId poolState level version tasksAssigned tasksAcked
  tasksPrecommitted tasksCommitted tasksEnded tasksSucceeded missedAck missedPrecommit missedCommit
  dropped successRatio avgAckLatency avgPrecommitLatency avgCommitLatency lastSeenBlock lastSeenAt`;

describe("node", () => {
  test("has its columns and the ratios computed from its counters", async () => {
    const data = await queryData<{ node: unknown }>(
      app,
      `{ node(chainId: 1, address: "${minerAddress(1).toUpperCase().replace("0X", "0x")}") { ${NODE_FIELDS} } }`,
    );
    expect(data.node).toEqual({
      chainId: 1,
      address: minerAddress(1),
      nodeId: nodeId(1),
      poolState: "ADDED",
      level: 3,
      version: "1.2.0",
      tasksAssigned: 4,
      tasksAcked: 3,
      tasksPrecommitted: 3,
      tasksCommitted: 2,
      tasksEnded: 4,
      tasksSucceeded: 2,
      missedAck: 1,
      missedPrecommit: 0,
      missedCommit: 1,
      dropped: 0,
      successRatio: 0.5,
      avgAckLatency: 3,
      avgPrecommitLatency: 4,
      avgCommitLatency: 2.5,
      lastSeenBlock: "101",
      lastSeenAt: "1700000101",
    });
  });

  test("ratios are null before anything was counted; a node without id has no id histories", async () => {
    const data = await queryData<{ node: unknown }>(
      app,
      `{ node(chainId: 1, address: "${minerAddress(2)}") {
        successRatio avgAckLatency avgPrecommitLatency avgCommitLatency
        stats { pingCounter }
        reputationHistory { items { blockNumber } totalCount }
      } }`,
    );
    expect(data.node).toEqual({
      successRatio: null,
      avgAckLatency: null,
      avgPrecommitLatency: null,
      avgCommitLatency: null,
      stats: null,
      reputationHistory: { items: [], totalCount: 0 },
    });
  });

  test("an unknown address is null", async () => {
    const data = await queryData(
      app,
      `{ node(chainId: 2, address: "${minerAddress(1)}") { address } }`,
    );
    expect(data).toEqual({ node: null });
  });
});

describe("node relations", () => {
  test("assignments, reputation history, stats and pool history", async () => {
    const data = await queryData<{ node: Record<string, unknown> }>(
      app,
      `{ node(chainId: 1, address: "${minerAddress(1)}") {
        assignments { items { taskId assignedBlock status statusBlock } totalCount }
        committed: assignments(where: { status: COMMITTED }) { totalCount }
        newest: assignments(first: 1, orderDirection: desc) { items { taskId } }
        reputationHistory { items { blockNumber state success } }
        stats { nodeId address pingCounter lastPingBlock level resets }
        poolHistory { items { blockNumber event } }
      } }`,
    );
    expect(data.node).toEqual({
      assignments: {
        items: [
          { taskId: "1", assignedBlock: "200", status: "COMMITTED", statusBlock: "260" },
          { taskId: "2", assignedBlock: "210", status: "COMMITTED", statusBlock: "260" },
          { taskId: "3", assignedBlock: "220", status: "PENDING", statusBlock: null },
          { taskId: "4", assignedBlock: "230", status: "PENDING", statusBlock: null },
        ],
        totalCount: 4,
      },
      committed: { totalCount: 2 },
      newest: { items: [{ taskId: "4" }] },
      reputationHistory: {
        items: [
          { blockNumber: "300", state: "SUCCESS", success: true },
          { blockNumber: "301", state: "FAILURE", success: false },
          { blockNumber: "302", state: "SUCCESS", success: true },
        ],
      },
      stats: {
        nodeId: nodeId(1),
        address: minerAddress(1),
        pingCounter: "17",
        lastPingBlock: "400",
        level: "2",
        resets: 1,
      },
      poolHistory: {
        items: [
          { blockNumber: "150", event: "NodeAdded" },
          { blockNumber: "160", event: "NodeReserved" },
        ],
      },
    });
  });

  test("a node's assignments page on with their cursor", async () => {
    const page = (after: string | null) =>
      queryData<{
        node: {
          assignments: { items: { taskId: string }[]; pageInfo: { endCursor: string } };
        };
      }>(
        app,
        `query ($after: String) { node(chainId: 1, address: "${minerAddress(1)}") {
          assignments(first: 3, orderBy: statusBlock, after: $after) {
            items { taskId } pageInfo { endCursor }
          }
        } }`,
        { after },
      );
    const first = await page(null);
    expect(first.node.assignments.items.map((a) => a.taskId)).toEqual(["1", "2", "3"]);
    const second = await page(first.node.assignments.pageInfo.endCursor);
    expect(second.node.assignments.items.map((a) => a.taskId)).toEqual(["4"]);
  });
});

describe("nodes", () => {
  test("filter by pool state and order by a counter", async () => {
    const data = await queryData<{ nodes: { items: unknown[]; totalCount: number } }>(
      app,
      `{ nodes(where: { chainId: 1, poolState_not: "REMOVED" }, orderBy: tasksCommitted, orderDirection: desc) {
        items { address tasksCommitted } totalCount
      } }`,
    );
    expect(data.nodes).toEqual({
      items: [{ address: minerAddress(1), tasksCommitted: 2 }],
      totalCount: 1,
    });
  });

  test("orderBy tasksCommitted desc lists every node by that counter", async () => {
    const data = await queryData<{ nodes: { items: { address: string }[] } }>(
      app,
      "{ nodes(orderBy: tasksCommitted, orderDirection: desc) { items { address } } }",
    );
    expect(data.nodes.items.map((n) => n.address)).toEqual([
      minerAddress(3),
      minerAddress(1),
      minerAddress(2),
    ]);
  });
});
