import { randomBytes } from "node:crypto";
import pino from "pino";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/config/load-network.ts";
import { ensureInitialPhase } from "../../src/phase/phase-store.ts";
import { performReset } from "../../src/reset/perform-reset.ts";
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from "../fixtures/postgres.ts";

let database: TestDatabase;
const role = `phase_reader_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  database = await createTestDatabase("grants");
  await ensureInitialPhase(database.handle.db, "first", loadNetwork("devnet"));
  const admin = postgres(database.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE ROLE ${role} LOGIN`);
  for (const schema of ["public", "cortensor"]) {
    await admin.unsafe(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await admin.unsafe(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
  }
  await admin.end();
});

afterAll(async () => {
  await database?.drop();
  const cluster = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  await cluster.unsafe(`DROP ROLE IF EXISTS ${role}`);
  await cluster.end();
});

describe("a reset and the roles that read the index", () => {
  it("gives a read-only role of the first phase read access to the new phase's tables", async () => {
    const { reset } = await performReset(
      { database: database.handle, logger: pino({ level: "silent" }) },
      { phase: "second", network: "devnet", requestedBy: "test" },
    );
    expect(reset.state).toBe("completed");

    const url = new URL(database.url);
    url.username = role;
    const reader = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const [phase] = await reader<{ schema_name: string }[]>`
        select schema_name from cortensor.phases where id = 'second'`;
      const schema = phase?.schema_name ?? "public";
      expect(schema).not.toBe("public");
      const rows = await reader`select count(*)::int as n from ${reader(schema)}.tasks`;
      expect(rows[0]?.n).toBe(0);
      await expect(reader`delete from ${reader(schema)}.tasks`).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await reader.end();
    }
  });
});
