import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import {
  nodes,
  sessions,
  taskAssignments,
  taskResultFetches,
  taskResults,
  tasks,
  validations,
} from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import {
  assignmentRow,
  minerAddress,
  nodeId,
  nodeRow,
  outcomeAt,
  phaseAt,
  VALIDATOR,
  validationRow,
} from "./domain-fixtures.ts";
import { hash, sessionRow, taskRow } from "./fixtures.ts";
import { queryData } from "./helpers.ts";

let database: TestDatabase;
let app: Hono;

const task1 = { sessionId: 1, taskId: 1 };

beforeAll(async () => {
  database = await createTestDatabase("api_task_relations");
  const { db } = database.handle;
  await db.insert(sessions).values(sessionRow(1));
  await db.insert(tasks).values([
    taskRow(1, 1, {
      status: "ENDED",
      nodeIds: [nodeId(1), nodeId(2)],
      precommitEndedBlock: 215n,
      precommitEndedAt: 1_700_000_215n,
      commitEndedBlock: 225n,
      commitEndedAt: 1_700_000_225n,
      allPrecommittedBlock: 214n,
      allPrecommittedMiners: [minerAddress(1), minerAddress(2)],
      allCommittedBlock: 224n,
      allCommittedMiners: [minerAddress(1), minerAddress(2)],
      endedBlock: 230n,
    }),
    taskRow(1, 2),
  ]);
  await db.insert(nodes).values([nodeRow(1), nodeRow(2), nodeRow(3)]);
  await db.insert(taskAssignments).values([
    assignmentRow(task1, 1, 200, {
      ...phaseAt("acked", 202),
      ...phaseAt("precommitted", 205),
      ...phaseAt("committed", 210),
      ...outcomeAt("COMMITTED", 230),
    }),
    assignmentRow(task1, 2, 200, {
      ...phaseAt("acked", 203),
      ...phaseAt("precommitted", 206),
      ...phaseAt("committed", 212),
      ...outcomeAt("DROPPED", 230),
    }),
    assignmentRow(task1, 3, 200, outcomeAt("MISSED_ACK", 230)),
    assignmentRow({ sessionId: 1, taskId: 2 }, 1, 240),
  ]);
  await db.insert(taskResults).values(
    [1, 2].map((miner) => ({
      chainId: 1,
      sessionId: "1",
      taskId: "1",
      miner: minerAddress(miner),
      result: `urn:result:${miner}`,
      resultHash: hash(miner),
      blockNumber: 230n,
    })),
  );
  await db.insert(taskResultFetches).values({
    chainId: 1,
    sessionId: "1",
    taskId: "1",
    contractAddress: minerAddress(0),
    blockNumber: 230n,
    status: "DONE",
    attempts: 1,
  });
  await db
    .insert(validations)
    .values([
      validationRow(240, 0),
      validationRow(241, 0, { verdict: "INVALID", miner: minerAddress(2), score: "10" }),
      validationRow(242, 0, { taskId: "2", verdict: "RETRY" }),
    ]);
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

describe("Task", () => {
  test("exposes the new task columns", async () => {
    const data = await queryData<{ task: unknown }>(
      app,
      `{ task(chainId: 1, sessionId: 1, taskId: 1) {
        nodeIds precommitEndedBlock precommitEndedAt commitEndedBlock commitEndedAt
        allPrecommittedBlock allPrecommittedMiners allCommittedBlock allCommittedMiners
      } }`,
    );
    expect(data.task).toEqual({
      nodeIds: [nodeId(1), nodeId(2)],
      precommitEndedBlock: "215",
      precommitEndedAt: "1700000215",
      commitEndedBlock: "225",
      commitEndedAt: "1700000225",
      allPrecommittedBlock: "214",
      allPrecommittedMiners: [minerAddress(1), minerAddress(2)],
      allCommittedBlock: "224",
      allCommittedMiners: [minerAddress(1), minerAddress(2)],
    });
  });

  test("assignments with status, phases, node and result; results, validations, result fetch", async () => {
    const data = await queryData<{ task: Record<string, unknown> }>(
      app,
      `{ task(chainId: 1, sessionId: 1, taskId: 1) {
        assignments {
          items {
            miner status statusBlock inFinalList assignedBlock ackedBlock ackedAt precommittedAt
            committedAt committedBlock node { address nodeId } result { result resultHash }
            task { taskId }
          }
          totalCount
        }
        results { items { miner result blockNumber } totalCount }
        validations(orderBy: blockNumber) { items { verdict validator score node { address } } }
        resultFetch { status attempts lastError blockNumber }
      } }`,
    );
    const assignment = (miner: number, status: string, phases: (number | null)[]) => ({
      miner: minerAddress(miner),
      status,
      statusBlock: "230",
      inFinalList: status === "COMMITTED",
      assignedBlock: "200",
      ackedBlock: phases[0] === null ? null : String(phases[0]),
      ackedAt: phases[0] === null ? null : String(1_700_000_000 + (phases[0] ?? 0)),
      precommittedAt: phases[1] === null ? null : String(1_700_000_000 + (phases[1] ?? 0)),
      committedAt: phases[2] === null ? null : String(1_700_000_000 + (phases[2] ?? 0)),
      committedBlock: phases[2] === null ? null : String(phases[2]),
      node: { address: minerAddress(miner), nodeId: nodeId(miner) },
      result: miner === 3 ? null : { result: `urn:result:${miner}`, resultHash: hash(miner) },
      task: { taskId: "1" },
    });
    expect(data.task).toEqual({
      assignments: {
        items: [
          assignment(1, "COMMITTED", [202, 205, 210]),
          assignment(2, "DROPPED", [203, 206, 212]),
          assignment(3, "MISSED_ACK", [null, null, null]),
        ],
        totalCount: 3,
      },
      results: {
        items: [1, 2].map((miner) => ({
          miner: minerAddress(miner),
          result: `urn:result:${miner}`,
          blockNumber: "230",
        })),
        totalCount: 2,
      },
      validations: {
        items: [
          {
            verdict: "VALID",
            validator: VALIDATOR,
            score: "100",
            node: { address: minerAddress(1) },
          },
          {
            verdict: "INVALID",
            validator: VALIDATOR,
            score: "10",
            node: { address: minerAddress(2) },
          },
        ],
      },
      resultFetch: { status: "DONE", attempts: 1, lastError: null, blockNumber: "230" },
    });
  });

  test("a task not ended yet has no result fetch, results or outcome", async () => {
    const data = await queryData<{ task: unknown }>(
      app,
      `{ task(chainId: 1, sessionId: 1, taskId: 2) {
        resultFetch { status } results { totalCount } assignments { items { status statusBlock } }
      } }`,
    );
    expect(data.task).toEqual({
      resultFetch: null,
      results: { totalCount: 0 },
      assignments: { items: [{ status: "PENDING", statusBlock: null }] },
    });
  });
});

test("a result read's claim (workers' bookkeeping) is not part of the API", async () => {
  const data = await queryData<{ fetch: { fields: { name: string }[] } }>(
    app,
    `{ fetch: __type(name: "TaskResultFetch") { fields { name } } }`,
  );
  const fields = data.fetch.fields.map((field) => field.name);
  expect(fields).toEqual(expect.arrayContaining(["status", "attempts", "lastError"]));
  expect(fields.filter((name) => name.startsWith("claimed"))).toEqual([]);
});

describe("top-level lists", () => {
  test("taskAssignments filter by status and miner", async () => {
    const data = await queryData<{ a: unknown; b: unknown }>(
      app,
      `{
        a: taskAssignments(where: { status_in: [DROPPED, MISSED_ACK] }) { items { miner status } totalCount }
        b: taskAssignments(where: { miner: "${minerAddress(1)}" }, orderBy: assignedBlock, orderDirection: desc) {
          items { taskId }
        }
      }`,
    );
    expect(data).toEqual({
      a: {
        items: [
          { miner: minerAddress(2), status: "DROPPED" },
          { miner: minerAddress(3), status: "MISSED_ACK" },
        ],
        totalCount: 2,
      },
      b: { items: [{ taskId: "2" }, { taskId: "1" }] },
    });
  });

  test("validations filter by verdict and reach their task", async () => {
    const data = await queryData<{ validations: unknown }>(
      app,
      `{ validations(where: { verdict_not: "VALID" }, orderBy: blockNumber, orderDirection: desc) {
        items { blockNumber verdict task { taskId status } } totalCount
      } }`,
    );
    expect(data.validations).toEqual({
      items: [
        { blockNumber: "242", verdict: "RETRY", task: { taskId: "2", status: "QUEUED" } },
        { blockNumber: "241", verdict: "INVALID", task: { taskId: "1", status: "ENDED" } },
      ],
      totalCount: 2,
    });
  });
});
