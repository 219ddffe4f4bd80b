import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { sessions, tasks } from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { sessionRow, taskRow } from "./fixtures.ts";
import { openCountingDatabase, queryData } from "./helpers.ts";

const SESSION_COUNT = 100;
/** Session n has n % 4 tasks, so some have none. */
const tasksOf = (sessionId: number) => sessionId % 4;

let database: TestDatabase;
let counting: ReturnType<typeof openCountingDatabase>;

beforeAll(async () => {
  database = await createTestDatabase("api_loaders");
  const { db } = database.handle;
  const ids = Array.from({ length: SESSION_COUNT }, (_, i) => i + 1);
  await db.insert(sessions).values(ids.map((id) => sessionRow(id)));
  await db
    .insert(tasks)
    .values(ids.flatMap((id) => Array.from({ length: tasksOf(id) }, (_, t) => taskRow(id, t + 1))));
  counting = openCountingDatabase(database.url);
});
afterAll(async () => {
  await counting.close();
  await database.drop();
});

interface SessionsWithTasks {
  sessions: {
    items: {
      sessionId: string;
      taskCount: number;
      tasks: {
        items: { taskId: string; session: { sessionId: string } }[];
        pageInfo: { hasNextPage: boolean };
        totalCount: number;
      };
    }[];
  };
}

const QUERY = /* GraphQL */ `
  query ($first: Int) {
    sessions(first: $first) {
      items {
        sessionId
        taskCount
        tasks(first: 2, orderDirection: desc, orderBy: taskId) {
          items { taskId session { sessionId } }
          pageInfo { hasNextPage }
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
  const data = await queryData<SessionsWithTasks>(app, QUERY, { first });
  return { data, statements: [...counting.statements] };
}

test("nested taskCount, tasks and session run a fixed number of statements", async () => {
  await countStatements(1); // postgres.js reads type OIDs on its first connections
  const small = await countStatements(10);
  const large = await countStatements(SESSION_COUNT);
  expect(large.data.sessions.items).toHaveLength(SESSION_COUNT);
  // sessions page, sessions count, task counts, task pages; the tasks' sessions are the primed page
  expect(large.statements.length).toBe(4);
  expect(large.statements.length).toBe(small.statements.length);
});

test("batched nested lists hold each session's own tasks", async () => {
  const { data } = await countStatements(SESSION_COUNT);
  for (const session of data.sessions.items) {
    const id = Number(session.sessionId);
    const expectedIds = Array.from({ length: tasksOf(id) }, (_, t) => String(tasksOf(id) - t));
    expect(session.taskCount).toBe(tasksOf(id));
    expect(session.tasks.totalCount).toBe(tasksOf(id));
    expect(session.tasks.items.map((task) => task.taskId)).toEqual(expectedIds.slice(0, 2));
    expect(session.tasks.pageInfo.hasNextPage).toBe(tasksOf(id) > 2);
    for (const task of session.tasks.items) expect(task.session.sessionId).toBe(session.sessionId);
  }
});

test("a nested list's cursor continues that session's tasks", async () => {
  const app = createApiApp({ database: database.handle });
  const page = (after: string | null) =>
    queryData<{
      session: {
        tasks: {
          items: { taskId: string }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        };
      };
    }>(
      app,
      `query ($after: String) {
        session(chainId: 1, sessionId: "3") {
          tasks(first: 2, after: $after) { items { taskId } pageInfo { endCursor hasNextPage } }
        }
      }`,
      { after },
    );
  const first = await page(null);
  expect(first.session.tasks.items.map((t) => t.taskId)).toEqual(["1", "2"]);
  const second = await page(first.session.tasks.pageInfo.endCursor);
  expect(second.session.tasks.items.map((t) => t.taskId)).toEqual(["3"]);
  expect(second.session.tasks.pageInfo.hasNextPage).toBe(false);
});
