import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { startLiveFeed } from "../../src/api/live/listen-indexed-ranges.ts";
import type { LiveFeed } from "../../src/api/live/live-feed.ts";
import { type ApiServer, serveApi } from "../../src/api/serve.ts";
import { ensureCheckpoint } from "../../src/db/checkpoints.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import type { DecodedLog } from "../../src/decode/decode-log.ts";
import { CheckpointMovedError } from "../../src/sync/errors.ts";
import { indexBlockRange } from "../../src/sync/index-block-range.ts";
import { INDEXED_RANGE_CHANNEL, notifyRolledBack } from "../../src/sync/notify-indexed-range.ts";
import { decodedEvent } from "../fixtures/abi-samples.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { postGraphql } from "./helpers.ts";
import { openSubscription } from "./sse-client.ts";

const CHAIN_ID = 31337;
const owner = "0x00000000000000000000000000000000000000b0";
const miners = ["0x00000000000000000000000000000000000000a1"];

function sessionCreated(sessionId: bigint, block: number): DecodedLog {
  const sid = `0x${sessionId.toString(16).padStart(64, "0")}`;
  return decodedEvent("SessionV2", "SessionCreated", { sessionId, sid, owner, miners }, { block });
}

function taskQueued(sessionId: bigint, taskId: bigint, block: number, logIndex = 1): DecodedLog {
  return decodedEvent(
    "SessionQueueV2",
    "TaskQueued",
    { sessionId, taskId, globalId: taskId, taskData: `urn:task-${taskId}` },
    { block, logIndex },
  );
}

function taskAssigned(sessionId: bigint, taskId: bigint, block: number): DecodedLog {
  return decodedEvent("SessionQueueV2", "TaskAssigned", { sessionId, taskId, miners }, { block });
}

function range(from: number, to: number, logs: DecodedLog[], caughtUp = false) {
  return {
    chainId: CHAIN_ID,
    from: BigInt(from),
    to: BigInt(to),
    toHash: `0x${to.toString(16).padStart(64, "0")}`,
    toTimestamp: 1_700_000_000n + BigInt(to),
    head: 100n,
    caughtUp,
    logs,
  };
}

interface TaskEvent {
  taskCreated: {
    sessionId: string;
    taskId: string;
    status: string;
    taskData: string;
    session: { owner: string; taskCount: number };
  };
}
interface SessionEvent {
  sessionCreated: { sessionId: string; owner: string; state: string };
}
interface ProgressEvent {
  chainProgress: { chainId: number; indexedBlock: string; headBlock: string; caughtUp: boolean };
}

const TASKS = `subscription {
  taskCreated(chainId: ${CHAIN_ID}) { sessionId taskId status taskData session { owner taskCount } }
}`;
const SESSIONS = `subscription { sessionCreated(chainId: ${CHAIN_ID}) { sessionId owner state } }`;
const PROGRESS = `subscription {
  chainProgress(chainId: ${CHAIN_ID}) { chainId indexedBlock headBlock caughtUp }
}`;

describe("subscriptions over SSE, fed by Postgres NOTIFY from index transactions", () => {
  let database: TestDatabase;
  /** The API's own pool, as a separate `serve` process (another replica) would have it. */
  let apiDatabase: DatabaseHandle;
  let feed: LiveFeed;
  let server: ApiServer;
  const subscribe = <T>(query: string) =>
    openSubscription<T>(fetch, `${server.url}/graphql`, query);

  beforeAll(async () => {
    database = await createTestDatabase("api_live");
    await ensureCheckpoint(database.handle.db, {
      chainId: CHAIN_ID,
      network: "test",
      chainName: "l2",
      startBlock: 1n,
    });
    apiDatabase = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
    feed = await startLiveFeed(apiDatabase, pino({ level: "silent" }));
    server = await serveApi({ app: createApiApp({ database: apiDatabase, live: feed }), port: 0 });
  });
  afterAll(async () => {
    await feed?.close();
    await server?.close();
    await apiDatabase?.close();
    await database?.drop();
  });

  it("sends each created task and session, read through the entity resolvers, and the chain's progress", async () => {
    const tasks = await subscribe<TaskEvent>(TASKS);
    const sessions = await subscribe<SessionEvent>(SESSIONS);
    const progress = await subscribe<ProgressEvent>(PROGRESS);

    await indexBlockRange(
      database.handle.db,
      range(1, 4, [sessionCreated(1n, 2), taskQueued(1n, 0n, 3), taskAssigned(1n, 0n, 4)]),
    );

    expect(await tasks.next()).toEqual({
      data: {
        taskCreated: {
          sessionId: "1",
          taskId: "0",
          status: "ASSIGNED",
          taskData: "urn:task-0",
          session: { owner, taskCount: 1 },
        },
      },
    });
    expect(await sessions.next()).toEqual({
      data: { sessionCreated: { sessionId: "1", owner, state: "ACTIVE" } },
    });
    expect(await progress.next()).toEqual({
      data: {
        chainProgress: { chainId: CHAIN_ID, indexedBlock: "4", headBlock: "100", caughtUp: false },
      },
    });

    // A range that only changes the task creates nothing; a failed one is rolled back unheard.
    await indexBlockRange(database.handle.db, range(5, 6, [taskAssigned(1n, 0n, 5)]));
    await expect(
      indexBlockRange(database.handle.db, range(9, 9, [taskQueued(1n, 7n, 9)])),
    ).rejects.toThrow(CheckpointMovedError);
    await indexBlockRange(
      database.handle.db,
      range(7, 8, [taskQueued(1n, 1n, 7), taskQueued(1n, 2n, 8)], true),
    );

    const next = [await tasks.next(), await tasks.next()].map(
      (event) => event.data?.taskCreated.taskId,
    );
    // Events arrive in commit order: nothing came between task 0 and tasks 1 and 2.
    expect(next).toEqual(["1", "2"]);
    expect(
      [await progress.next(), await progress.next()].map((event) => event.data?.chainProgress),
    ).toEqual([
      { chainId: CHAIN_ID, indexedBlock: "6", headBlock: "100", caughtUp: false },
      { chainId: CHAIN_ID, indexedBlock: "8", headBlock: "100", caughtUp: true },
    ]);
    for (const subscription of [tasks, sessions, progress]) subscription.close();
  });

  it("tells progress subscribers when a reorg moved the index back", async () => {
    const progress = await subscribe<
      ProgressEvent & { data?: { chainProgress: { rolledBack: boolean } } }
    >(`subscription { chainProgress(chainId: ${CHAIN_ID}) { indexedBlock rolledBack } }`);
    await database.handle.db.transaction((tx) =>
      notifyRolledBack(tx, { chainId: CHAIN_ID, to: 6n, head: 100n, caughtUp: true }),
    );
    expect((await progress.next()).data?.chainProgress).toEqual({
      indexedBlock: "6",
      rolledBack: true,
    });
    progress.close();
  });

  it("reads nested fields as of each batch, not from the first batch's cache", async () => {
    const tasks = await subscribe<TaskEvent>(TASKS);
    await indexBlockRange(database.handle.db, range(9, 9, [taskQueued(1n, 3n, 9)]));
    expect((await tasks.next()).data?.taskCreated.session.taskCount).toBe(4);
    await indexBlockRange(database.handle.db, range(10, 10, [taskQueued(1n, 4n, 10)]));
    expect((await tasks.next()).data?.taskCreated.session.taskCount).toBe(5);
    tasks.close();
  });

  it("announces a range with more keys than one notification holds in several, losing none", async () => {
    const tasks = await subscribe<TaskEvent>(
      `subscription { taskCreated(chainId: ${CHAIN_ID}) { taskId } }`,
    );
    const count = 1500;
    const logs = [sessionCreated(2n, 11)];
    for (let taskId = 0; taskId < count; taskId += 1) {
      logs.push(taskQueued(2n, BigInt(taskId), 12 + Math.floor(taskId / 100), taskId % 100));
    }
    const payloads: string[] = [];
    const raw = await apiDatabase.postgres?.listen(INDEXED_RANGE_CHANNEL, (payload) => {
      payloads.push(payload);
    });
    await indexBlockRange(database.handle.db, range(11, 30, logs));
    const received = new Set<string>();
    while (received.size < count) {
      received.add((await tasks.next()).data?.taskCreated.taskId as string);
    }
    expect(received.size).toBe(count);
    await raw?.unlisten();
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    tasks.close();
  });

  it("ignores notifications of another schema and malformed ones, and keeps listening", async () => {
    const progress = await subscribe<ProgressEvent>(PROGRESS);
    const foreign = JSON.stringify({
      schema: "phase_other",
      chainId: CHAIN_ID,
      from: "1",
      to: "999",
      head: "999",
      caughtUp: true,
      part: 0,
      sessions: [],
      tasks: [],
    });
    await database.handle.db.execute(sql`select pg_notify(${INDEXED_RANGE_CHANNEL}, ${foreign})`);
    await database.handle.db.execute(sql`select pg_notify(${INDEXED_RANGE_CHANNEL}, 'not json')`);
    await indexBlockRange(database.handle.db, range(31, 31, []));
    expect((await progress.next()).data?.chainProgress.indexedBlock).toBe("31");
    progress.close();
  });

  it("ends open subscriptions when the feed closes, so the server can shut down", async () => {
    const separateFeed = await startLiveFeed(apiDatabase, pino({ level: "silent" }));
    const app = createApiApp({ database: apiDatabase, live: separateFeed });
    const progress = await openSubscription<ProgressEvent>(
      app.fetch,
      "http://api.test/graphql",
      PROGRESS,
    );
    await separateFeed.close();
    await expect(progress.ended).resolves.toBeUndefined();
    await expect(progress.next(100)).rejects.toThrow(/ended/);
  });

  it("refuses subscriptions clearly on a server without a live feed", async () => {
    const app = createApiApp({ database: apiDatabase });
    const result = await postGraphql(app, PROGRESS);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: "this server does not serve subscriptions",
        extensions: { code: "SUBSCRIPTIONS_UNAVAILABLE" },
      }),
    ]);
  });
});

describe("subscriptions on the embedded database", () => {
  let database: DatabaseHandle;
  let feed: LiveFeed;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), "pglite-live-")) });
    await database.migrate();
    await ensureCheckpoint(database.db, {
      chainId: CHAIN_ID,
      network: "test",
      chainName: "l2",
      startBlock: 1n,
    });
    feed = await startLiveFeed(database, pino({ level: "silent" }));
  });
  afterAll(async () => {
    await feed?.close();
    await database?.close();
  });

  it("hears PGlite's own NOTIFY on commit", async () => {
    const app = createApiApp({ database, live: feed });
    const tasks = await openSubscription<TaskEvent>(app.fetch, "http://api.test/graphql", TASKS);
    await indexBlockRange(database.db, range(1, 3, [sessionCreated(1n, 1), taskQueued(1n, 0n, 3)]));
    expect((await tasks.next()).data?.taskCreated).toMatchObject({
      sessionId: "1",
      taskId: "0",
      status: "QUEUED",
      session: { owner, taskCount: 1 },
    });
    tasks.close();
  });
});
