import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { loadNetwork } from "../../src/config/load-network.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { PhasesNeedPostgresError } from "../../src/phase/errors.ts";
import { PhaseDatabases } from "../../src/phase/phase-databases.ts";
import { ensureInitialPhase } from "../../src/phase/phase-store.ts";
import { performReset } from "../../src/reset/perform-reset.ts";
import { graphql } from "../fixtures/graphql.ts";

let dataDir: string;
let handle: DatabaseHandle;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "pglite-phases-"));
  handle = await openDatabase({ dataDir });
  await handle.migrate();
  await ensureInitialPhase(handle.db, "initial", loadNetwork("devnet"));
}, 60_000);

afterAll(async () => {
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("phases on the embedded database", () => {
  it("records the first phase and serves it by name", async () => {
    const app = createApiApp({ database: handle, phases: new PhaseDatabases(handle) });
    const data = await graphql<{ phases: { id: string; status: string; serving: boolean }[] }>(
      app,
      '{ phases { id status serving } _meta(phase: "initial") { chains { chainId } } }',
    );
    expect(data.phases).toEqual([{ id: "initial", status: "indexing", serving: true }]);
  });

  it("refuses a reset with an error that says Postgres is needed", async () => {
    const attempt = performReset(
      { database: handle, logger: pino({ level: "silent" }) },
      { phase: "phase-2", network: "devnet", requestedBy: "test" },
    );
    await expect(attempt).rejects.toBeInstanceOf(PhasesNeedPostgresError);
    await expect(attempt).rejects.toThrow(/DATABASE_URL/);
  });
});
