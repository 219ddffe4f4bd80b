import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { EXPORT_FORMATS, parseExportRequest } from "../../src/export/export-request.ts";
import { openExport } from "../../src/export/open-export.ts";
import { singlePhaseResolver } from "../../src/export/phase-resolver.ts";
import { writeExportFile } from "../../src/export/write-export-file.ts";
import { minerAddress } from "../api/domain-fixtures.ts";
import { seedExportFixtures } from "./export-fixtures.ts";
import { type FilterParameters, graphqlRows } from "./graphql-expectations.ts";
import { readExportFile } from "./read-export.ts";

const CASES: [string, FilterParameters][] = [
  ["tasks", {}],
  ["tasks", { chain: "1", miner: minerAddress(2) }],
  ["sessions", { status: "ACTIVE" }],
  ["miners", {}],
  ["events", { network: "devnet" }],
];

/** The embedded default runs the same snapshot, cursor and queries as Postgres. */
describe("exports on PGlite", () => {
  let directory: string;
  let handle: DatabaseHandle;
  let app: Hono;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "export-pglite-"));
    handle = await openDatabase({ dataDir: join(directory, "data") });
    await handle.migrate();
    await seedExportFixtures(handle.db);
    app = createApiApp({ database: handle });
  });
  afterAll(async () => {
    await handle?.close();
    await rm(directory, { recursive: true, force: true });
  });

  describe.each(EXPORT_FORMATS)("%s", (format) => {
    it.each(CASES)("%s %j equals GraphQL", async (kind, filters) => {
      const out = join(directory, `${kind}.${format}`);
      await writeExportFile(parseExportRequest({ kind, format, ...filters }), out, {
        resolvePhaseDatabase: singlePhaseResolver(handle),
        batchSize: 3,
      });
      const { rows } = await readExportFile(out, format);
      expect(rows).toEqual(await graphqlRows(app, kind, filters, { devnet: [1, 2] }));
    });
  });

  it("gives the single connection back when a reader abandons an export halfway", async () => {
    const opened = await openExport(parseExportRequest({ kind: "tasks", format: "csv" }), {
      resolvePhaseDatabase: singlePhaseResolver(handle),
      batchSize: 2,
    });
    const chunks = opened.chunks();
    await chunks.next();
    await chunks.next();
    await chunks.return(undefined);
    await expect(handle.rows(sql`select 1 as one`)).resolves.toEqual([{ one: 1 }]);
  });
});
