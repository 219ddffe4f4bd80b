import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDeadline } from "../../src/observability/with-deadline.ts";
import { TEST_POSTGRES_URL } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/**
 * The fixes patches/postgres+3.4.9.patch makes to postgres.js: without them, each of these
 * hangs a query, a connection or a whole pool forever.
 */
describe("postgres.js COPY streams (patched)", () => {
  let sql: postgres.Sql;
  beforeEach(() => {
    sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  });
  afterEach(() => sql.end({ timeout: 0 }));

  it("fails a COPY FROM whose error arrives after its end was sent", async () => {
    await sql`create temp table copied (id int primary key)`;
    const copy = sql.unsafe("copy copied from stdin");
    const stream = await copy.writable();
    copy.catch(() => {});
    const finished = new Promise((resolve, reject) => {
      stream.once("finish", resolve);
      stream.once("error", reject);
    });
    // Both rows and the end go out at once; Postgres finds the duplicate after the end.
    stream.end("1\n1\n");
    await expect(withDeadline(finished, 5_000, "the COPY's stream")).rejects.toThrow(
      /duplicate key/,
    );
    expect(await withDeadline(sql`select 1 as one`, 5_000, "the next query")).toEqual([{ one: 1 }]);
  });

  it("keeps the connection usable after a COPY TO whose reader fell behind at the end", async () => {
    // About 40 kB: one socket read holds the whole COPY, its end and ReadyForQuery, and the
    // stream's 16 kB buffer fills on the way, pausing the socket before the end is seen.
    const stream = await sql
      .unsafe("copy (select repeat('x', 200) from generate_series(1, 200)) to stdout")
      .readable();
    await sleep(200);
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(200 * 201);
    expect(await withDeadline(sql`select 1 as one`, 5_000, "the query after the COPY")).toEqual([
      { one: 1 },
    ]);
  });
});

/**
 * A worker's chain leases are reserved connections, and a frozen or stalled worker finds their
 * sessions ended (idle_session_timeout, a peer's sweep, a Postgres restart) while it holds them.
 */
describe("postgres.js connections that close while reserved (patched)", () => {
  let sql: postgres.Sql;
  /** Ends other sessions: a second client, as the server or a peer worker would. */
  let admin: postgres.Sql;
  beforeEach(() => {
    sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
    admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  });
  afterEach(async () => {
    await sql.end({ timeout: 0 });
    await admin.end({ timeout: 0 });
  });

  const endSession = async (pid: number) => {
    await admin`select pg_terminate_backend(${pid})`;
  };
  const pidOf = async (session: postgres.Sql | postgres.TransactionSql) => {
    const [row] = await session<{ pid: number }[]>`select pg_backend_pid() as pid`;
    return row?.pid ?? 0;
  };
  /** How postgres.js reports a connection the server ended, depending on when it saw the end. */
  const CLOSED = /CONNECTION_CLOSED|ECONNRESET|terminating connection/;
  const settled = <T>(query: Promise<T>, what: string) => withDeadline(query, 5_000, what);

  it("keeps the pool usable after releasing a reserved connection whose session ended", async () => {
    const reserved = await sql.reserve();
    await endSession(await pidOf(reserved));
    await expect(settled(reserved`select 1`.execute(), "the reserved query")).rejects.toThrow(
      CLOSED,
    );
    reserved.release();
    // The pool's only connection. Released between the socket's error and its close, it may
    // fail one query; then it reconnects. Without the fix, queries fail or hang from here on.
    await settled(sql`select 0`.execute(), "the first pool query").catch((error: Error) => {
      expect(error.message).toMatch(CLOSED);
    });
    for (const n of [1, 2, 3]) {
      expect(await settled(sql`select ${n}::int as n`.execute(), `pool query ${n}`)).toEqual([
        { n },
      ]);
    }
  });

  it("fails the queries waiting on a reserved connection when its session ends", async () => {
    const reserved = await sql.reserve();
    const pid = await pidOf(reserved);
    // A statement with parameters is described first: the ones after it wait their turn.
    const running = reserved`select pg_sleep(${2})`.execute();
    const waiting = reserved`select ${1}::int`.execute();
    running.catch(() => {});
    waiting.catch(() => {});
    await sleep(200);
    await endSession(pid);
    await expect(settled(running, "the running query")).rejects.toThrow(CLOSED);
    await expect(settled(waiting, "the waiting query")).rejects.toThrow(CLOSED);
    reserved.release();
  });

  it("fails the queries waiting in a transaction whose connection closed", async () => {
    let waiting: Promise<unknown> | undefined;
    let pid = 0;
    const transaction = sql.begin(async (tx) => {
      pid = await pidOf(tx);
      const running = tx`select pg_sleep(${2})`.execute();
      waiting = tx`select ${1}::int`.execute();
      await Promise.all([running, waiting]);
    });
    transaction.catch(() => {});
    await waitFor("the transaction to run", async () => waiting !== undefined);
    await sleep(100);
    await endSession(pid);
    await expect(settled(transaction, "the transaction")).rejects.toThrow(CLOSED);
    await expect(settled(waiting as Promise<unknown>, "the waiting query")).rejects.toThrow(CLOSED);
    expect(await settled(sql`select 1 as one`.execute(), "the next query")).toEqual([{ one: 1 }]);
  });

  it("gives a waiting reserve the connection that reconnects after its session ended", async () => {
    const pid = await pidOf(sql);
    const running = sql`select pg_sleep(${2})`.execute();
    running.catch(() => {});
    await sleep(100);
    // The pool's only connection is busy: the reserve waits for it.
    const reserving = sql.reserve();
    await sleep(100);
    await endSession(pid);
    const reserved = await settled(reserving, "the reserve");
    expect(await settled(reserved`select 1 as one`.execute(), "the reserved query")).toEqual([
      { one: 1 },
    ]);
    reserved.release();
  });
});
