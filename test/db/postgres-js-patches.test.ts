import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDeadline } from "../../src/observability/with-deadline.ts";
import { TEST_POSTGRES_URL } from "../fixtures/postgres.ts";

/**
 * The two COPY fixes patches/postgres+3.4.9.patch makes to postgres.js: without them, each of
 * these hangs a connection forever.
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
