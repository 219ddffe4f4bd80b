import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { chainCheckpoints, tasks } from "../../src/db/schema/index.ts";
import { parseExportRequest } from "../../src/export/export-request.ts";
import { openExport } from "../../src/export/open-export.ts";
import { singlePhaseResolver } from "../../src/export/phase-resolver.ts";
import { taskRow } from "../api/fixtures.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { seedExportFixtures } from "./export-fixtures.ts";
import { parseExport } from "./read-export.ts";

async function collect(chunks: AsyncGenerator<string | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe("an export reflects one snapshot", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("export_snapshot");
    await seedExportFixtures(database.handle.db);
  });
  afterAll(() => database?.drop());

  it("does not see rows and checkpoints committed while it streams", async () => {
    const dependencies = {
      resolvePhaseDatabase: singlePhaseResolver(database.handle),
      // One row per FETCH: every fetch after the first runs after the concurrent commit.
      batchSize: 1,
    };
    const request = parseExportRequest({ kind: "tasks", format: "ndjson", chain: "1" });
    const opened = await openExport(request, dependencies, { countRows: true });
    const chunks = opened.chunks();
    const first = await chunks.next();

    // The indexer commits a new block's task and moves the checkpoint, in one transaction.
    await database.handle.db.transaction(async (tx) => {
      await tx.insert(tasks).values(taskRow(1, 99, { queuedBlock: 5001n }));
      await tx
        .update(chainCheckpoints)
        .set({ lastIndexedBlock: 5001n })
        .where(eq(chainCheckpoints.chainId, 1));
    });

    const rest = await collect(chunks);
    const bytes = Buffer.concat([Buffer.from(first.value ?? ""), rest]);
    const { rows } = await parseExport(bytes, "ndjson", opened.metadata);
    expect(rows.map((row) => row.taskId)).not.toContain("99");
    expect(rows).toHaveLength(opened.totalRows ?? -1);
    expect(opened.completed?.rows).toBe(rows.length);
    expect(opened.metadata.snapshot.chains[0]).toMatchObject({
      chainId: 1,
      lastIndexedBlock: "5000",
    });

    const after = await openExport(request, dependencies);
    const again = await parseExport(await collect(after.chunks()), "ndjson", after.metadata);
    expect(again.rows.map((row) => row.taskId)).toContain("99");
    expect(after.metadata.snapshot.chains[0]).toMatchObject({ lastIndexedBlock: "5001" });
  });

  it("waits for a slow reader longer than the server lets a worker's transaction idle", async () => {
    // A handle whose transactions the server ends after 300 ms idle (workers: 20 s).
    const strict = await openDatabase({
      databaseUrl: database.url,
      idleInTransactionTimeoutMs: 300,
    });
    try {
      const request = parseExportRequest({ kind: "tasks", format: "ndjson", chain: "1" });
      const opened = await openExport(request, {
        resolvePhaseDatabase: singlePhaseResolver(strict),
        batchSize: 1,
      });
      // Opened (snapshot taken, metadata read), then not read for a while: the transaction idles.
      await sleep(1_000);
      const { rows } = await parseExport(await collect(opened.chunks()), "ndjson", opened.metadata);
      expect(rows.length).toBeGreaterThan(1);
      expect(opened.completed?.rows).toBe(rows.length);
    } finally {
      await strict.close();
    }
  });
});
