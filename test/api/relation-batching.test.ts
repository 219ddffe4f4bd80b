import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import {
  nodes,
  sessions,
  taskAssignments,
  taskResultFetches,
  taskResults,
  tasks,
} from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { assignmentRow, minerAddress, nodeRow, outcomeAt } from "./domain-fixtures.ts";
import { sessionRow, taskRow } from "./fixtures.ts";
import { openCountingDatabase, queryData } from "./helpers.ts";

const TASK_COUNT = 100;
const NODE_COUNT = 20;
/** Task n is assigned to three of the nodes, chosen so that nodes are shared between tasks. */
const minersOf = (task: number) => [
  task % NODE_COUNT,
  (task + 3) % NODE_COUNT,
  (task + 7) % NODE_COUNT,
];

let database: TestDatabase;
let counting: ReturnType<typeof openCountingDatabase>;

beforeAll(async () => {
  database = await createTestDatabase("api_relation_batching");
  const { db } = database.handle;
  const taskIds = Array.from({ length: TASK_COUNT }, (_, i) => i + 1);
  await db.insert(sessions).values(sessionRow(1));
  await db.insert(tasks).values(taskIds.map((id) => taskRow(1, id, { status: "ENDED" })));
  await db.insert(nodes).values(Array.from({ length: NODE_COUNT }, (_, n) => nodeRow(n)));
  await db
    .insert(taskAssignments)
    .values(
      taskIds.flatMap((taskId) =>
        minersOf(taskId).map((miner) =>
          assignmentRow({ sessionId: 1, taskId }, miner, 200 + taskId, outcomeAt("COMMITTED", 300)),
        ),
      ),
    );
  await db.insert(taskResults).values(
    taskIds.map((taskId) => ({
      chainId: 1,
      sessionId: "1",
      taskId: String(taskId),
      miner: minerAddress(minersOf(taskId)[0] ?? 0),
      result: `result ${taskId}`,
      blockNumber: 300n,
    })),
  );
  await db.insert(taskResultFetches).values(
    taskIds.map((taskId) => ({
      chainId: 1,
      sessionId: "1",
      taskId: String(taskId),
      contractAddress: minerAddress(0),
      blockNumber: 300n,
      status: "DONE",
    })),
  );
  counting = openCountingDatabase(database.url);
});
afterAll(async () => {
  await counting.close();
  await database.drop();
});

interface TasksWithAssignments {
  tasks: {
    items: {
      taskId: string;
      resultFetch: { status: string };
      results: { totalCount: number };
      assignments: {
        items: {
          miner: string;
          status: string;
          node: { address: string; nodeId: string };
          result: { result: string } | null;
        }[];
        totalCount: number;
      };
    }[];
  };
}

const QUERY = /* GraphQL */ `
  query ($first: Int) {
    tasks(first: $first, orderBy: taskId) {
      items {
        taskId
        resultFetch { status }
        results { totalCount }
        assignments(first: 5) {
          items { miner status node { address nodeId } result { result } }
          totalCount
        }
      }
      totalCount
    }
  }
`;

async function countStatements(first: number) {
  const app = createApiApp({ database: { db: counting.db } });
  counting.statements.length = 0;
  const data = await queryData<TasksWithAssignments>(app, QUERY, { first });
  return { data, statements: [...counting.statements] };
}

test("a page of tasks with assignments, nodes and results runs a fixed number of statements", async () => {
  await countStatements(1); // postgres.js reads type OIDs on its first connections
  const small = await countStatements(10);
  const large = await countStatements(TASK_COUNT);
  expect(large.data.tasks.items).toHaveLength(TASK_COUNT);
  // tasks page and count; result fetches; result pages and counts; assignment pages and counts;
  // the assignments' nodes; the assignments' results
  expect(large.statements).toHaveLength(9);
  expect(small.statements).toHaveLength(large.statements.length);
});

test("batched relations hold each task's own rows", async () => {
  const { data } = await countStatements(TASK_COUNT);
  for (const task of data.tasks.items) {
    const taskId = Number(task.taskId);
    const miners = minersOf(taskId).map(minerAddress);
    expect(task.resultFetch).toEqual({ status: "DONE" });
    expect(task.results.totalCount).toBe(1);
    expect(task.assignments.totalCount).toBe(3);
    expect(task.assignments.items.map((a) => a.miner)).toEqual([...miners].sort());
    for (const assignment of task.assignments.items) {
      expect(assignment.status).toBe("COMMITTED");
      expect(assignment.node.address).toBe(assignment.miner);
      const resultMiner = miners[0];
      expect(assignment.result).toEqual(
        assignment.miner === resultMiner ? { result: `result ${taskId}` } : null,
      );
    }
  }
});
