import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

/**
 * A worker machine that vanishes closes no socket: only TCP keepalive probes, which the server
 * sends on the connection's own settings, free its chain leases and locks (src/db/client.ts).
 * Cutting a machine off needs network privileges the tests do not have; what they can check is
 * that every kind of connection a worker opens carries the settings the server acts on. The same
 * goes for the limit on a transaction left idle, which frees the locks of a frozen worker
 * (test/sync/frozen-holder.test.ts shows it at work).
 */
describe("connections to Postgres", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("probes");
  });
  afterAll(async () => {
    await database?.drop();
  });

  const probes = async (run: (query: string) => Promise<unknown[]>) =>
    Object.fromEntries(
      await Promise.all(
        [
          "tcp_keepalives_idle",
          "tcp_keepalives_interval",
          "tcp_keepalives_count",
          "idle_in_transaction_session_timeout",
        ].map(async (name) => {
          const [row] = (await run(`show ${name}`)) as Record<string, string>[];
          return [name, row?.[name]];
        }),
      ),
    );
  const expected = {
    tcp_keepalives_idle: "10",
    tcp_keepalives_interval: "5",
    tcp_keepalives_count: "3",
    idle_in_transaction_session_timeout: "20s",
  };

  it("ask the server to probe them and to end idle transactions: pooled, reserved, single and other phases' connections", async () => {
    const { handle } = database;
    expect(await probes((query) => handle.rows(sql.raw(query)))).toEqual(expected);

    // A reserved connection, as a chain's lease holds its advisory lock on.
    const reserved = await handle.postgres?.reserve();
    if (!reserved) throw new Error("a Postgres handle has a postgres.js pool");
    expect(await probes((query) => reserved.unsafe(query))).toEqual(expected);
    reserved.release();

    const single = handle.openConnection?.();
    if (!single) throw new Error("a Postgres handle opens single connections");
    expect(await probes((query) => single.unsafe(query))).toEqual(expected);
    await single.end();

    const phase = await handle.openSchema?.("phase_probe", 1);
    if (!phase) throw new Error("a Postgres handle opens other phases");
    expect(await probes((query) => phase.rows(sql.raw(query)))).toEqual(expected);
    await phase.close();
  });
});
