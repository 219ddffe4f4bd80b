import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import { findFreePort } from "../../src/devnet/ports.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { graphql } from "../fixtures/graphql.ts";
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** Schemas the API reads: the domain tables (first phase) and the phase registry. */
const READ_SCHEMAS = ["public", "cortensor"];

/**
 * A login role that may only read `database`, as docs/operations.md sets one up for API replicas.
 * Roles are cluster-wide: the name is unique and the role is dropped after the database.
 */
async function createReadOnlyRole(database: TestDatabase) {
  const role = `api_reader_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  const admin = postgres(database.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await admin.unsafe(`GRANT CONNECT ON DATABASE "${database.name}" TO ${role}`);
  for (const schema of READ_SCHEMAS) {
    await admin.unsafe(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await admin.unsafe(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
  }
  await admin.end();
  const url = new URL(database.url);
  url.username = role;
  url.password = password;
  return {
    role,
    url: url.toString(),
    async drop() {
      const cluster = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
      await cluster.unsafe(`DROP ROLE IF EXISTS ${role}`);
      await cluster.end();
    },
  };
}

describe("an API replica on a read-only database role", () => {
  let devnet: TestDevnet;
  let database: TestDatabase;
  let reader: Awaited<ReturnType<typeof createReadOnlyRole>>;
  let serve: CliProcess | undefined;

  beforeAll(async () => {
    devnet = await startTestDevnet({ rounds: 1, sessionsPerRound: 1, tasksPerSession: 2, seed: 5 });
    database = await createTestDatabase("replica");
    // A worker with full rights indexes (and records the first phase), as in a deployment.
    await devnet.simulate();
    const worker = spawnCli(["worker"], { ...devnet.rpcEnv, DATABASE_URL: database.url });
    const heads = await devnet.heads();
    try {
      await waitFor("the worker to index both chains", async () => {
        for (const [chainId, head] of heads) {
          const checkpoint = await readCheckpoint(database.handle.db, chainId);
          if (checkpoint?.lastIndexedBlock !== head) return false;
        }
        return true;
      });
    } finally {
      await worker.stop();
    }
    reader = await createReadOnlyRole(database);
  });
  afterAll(async () => {
    await serve?.stop();
    await devnet?.stop();
    await database?.drop();
    await reader?.drop();
  });

  it("cannot write: the role is really read-only", async () => {
    const client = postgres(reader.url, { max: 1, onnotice: () => {} });
    try {
      await expect(client.unsafe("DELETE FROM chain_checkpoints")).rejects.toThrow(
        /permission denied/,
      );
      await expect(client.unsafe("CREATE TABLE scratch (id int)")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await client.end();
    }
  });

  it("serves GraphQL, indexerStatus, /ready and /metrics without migrating or writing", async () => {
    const port = await findFreePort();
    serve = spawnCli(["serve", "--port", String(port)], {
      ...devnet.rpcEnv,
      DATABASE_URL: reader.url,
      LOG_LEVEL: "info",
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor("the replica to answer", async () => (await fetch(`${base}/health`)).ok, 30_000);

    const data = await graphql<{
      _meta: { chains: { chainId: number; hasIndexingErrors: boolean }[] };
      tasks: { totalCount: number };
      indexerStatus: { healthy: boolean; phase: { id: string; serving: boolean } | null };
    }>(
      base,
      `{ _meta { chains { chainId hasIndexingErrors } }
         tasks(first: 1) { totalCount }
         indexerStatus { healthy phase { id serving } } }`,
    );
    expect(data._meta.chains.map((chain) => chain.chainId)).toEqual([31337, 31338]);
    expect(data.tasks.totalCount).toBeGreaterThan(0);
    expect(data.indexerStatus).toEqual({ healthy: true, phase: { id: "initial", serving: true } });
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/cortensor_chain_indexed_block\{chain_id="31338"\} \d+/);
    expect(serve.output()).not.toMatch(/permission denied|"level":(50|60)/);
  });
});
