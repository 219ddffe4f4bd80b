import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { ExportJobQueue, type ExportJobStatus } from "../../src/export/jobs/export-job-queue.ts";
import { ExportJobWorker } from "../../src/export/jobs/export-job-worker.ts";
import { singlePhaseResolver } from "../../src/export/phase-resolver.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";
import { seedExportFixtures } from "./export-fixtures.ts";
import { graphqlRows } from "./graphql-expectations.ts";
import { readExportFile } from "./read-export.ts";

const BULK_CHAIN = 7;
const BULK_EVENTS = 150_000;

describe("export jobs on BullMQ", () => {
  let database: TestDatabase;
  let directory: string;
  let queue: ExportJobQueue;
  let worker: ExportJobWorker;
  let app: ReturnType<typeof createApiApp>;

  const post = (body: unknown) =>
    app.request("/export/jobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const status = async (id: string) =>
    (await (await app.request(`/export/jobs/${id}`)).json()) as ExportJobStatus;
  const enqueue = async (body: unknown) => {
    const response = await post(body);
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  };
  const completed = (id: string) =>
    waitFor(`export job ${id} to complete`, async () => {
      const current = await status(id);
      if (current.state === "failed") throw new Error(`job failed: ${current.error}`);
      return current.state === "completed" ? current : undefined;
    });

  beforeAll(async () => {
    database = await createTestDatabase("export_jobs");
    await seedExportFixtures(database.handle.db);
    await database.handle.postgres?.unsafe(`
      insert into events (chain_id, block_number, log_index, block_hash, block_timestamp, tx_hash,
        tx_index, contract_address, contract_kind, topics, data)
      select ${BULK_CHAIN}, i, 0, '0x' || lpad(to_hex(i), 64, '0'), 1700000000 + i,
        '0x' || lpad(to_hex(i), 64, '0'), 0, '0x' || lpad('c0ffee', 40, '0'), 'SessionV2', '[]',
        '0x' || repeat('ab', 200)
      from generate_series(1, ${BULK_EVENTS}) i`);
    directory = await mkdtemp(join(tmpdir(), "export-jobs-"));
    const prefix = uniqueQueuePrefix("export");
    const resolvePhaseDatabase = singlePhaseResolver(database.handle);
    queue = new ExportJobQueue({ redisUrl: TEST_REDIS_URL, prefix });
    worker = new ExportJobWorker({
      redisUrl: TEST_REDIS_URL,
      prefix,
      directory,
      dependencies: { resolvePhaseDatabase },
      logger: pino({ level: "silent" }),
      // The bulk export takes about a second: progress every 20 ms shows it moving.
      progressIntervalMs: 20,
    });
    await worker.start();
    app = createApiApp({
      database: database.handle,
      exports: { resolvePhaseDatabase, jobs: queue },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("runs a queued export to a file equal to GraphQL's answer, served by the API", async () => {
    const id = await enqueue({
      kind: "tasks",
      format: "parquet",
      chain: 1,
      status: ["ENDED", "ACKED"],
    });
    const done = await completed(id);
    const expected = await graphqlRows(app, "tasks", { chain: "1", status: "ENDED,ACKED" }, {});
    expect(done).toMatchObject({
      parameters: { kind: "tasks", format: "parquet", chain: "1", status: "ENDED,ACKED" },
      progress: { rows: expected.length, totalRows: expected.length },
      error: null,
      result: {
        file: join(directory, `export-${id}.parquet`),
        metadata: { rows: expected.length },
      },
    });
    const file = done.result?.file ?? "";
    expect((await readExportFile(file, "parquet")).rows).toEqual(expected);
    const download = await app.request(`/export/jobs/${id}/file`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(await readFile(file));
  });

  it("reports progress while a large export runs", async () => {
    const id = await enqueue({ kind: "events", format: "csv", chain: String(BULK_CHAIN) });
    const seen: { rows: number; totalRows: number | null }[] = [];
    const done = await waitFor(
      `export job ${id}`,
      async () => {
        const current = await status(id);
        if (current.progress) seen.push(current.progress);
        return current.state === "completed" ? current : undefined;
      },
      120_000,
      10,
    );
    expect(done.progress).toMatchObject({ rows: BULK_EVENTS, totalRows: BULK_EVENTS });
    expect(seen.some((progress) => progress.rows > 0 && progress.rows < BULK_EVENTS)).toBe(true);
    expect(seen.every((progress) => progress.totalRows === BULK_EVENTS)).toBe(true);
    const { rows, metadata } = await readExportFile(done.result?.file ?? "", "csv");
    expect(rows).toHaveLength(BULK_EVENTS);
    expect(metadata.rows).toBe(BULK_EVENTS);
  });

  it.each([
    [{ kind: "tasks" }, "format"],
    [{ kind: "tasks", format: "csv", toBlock: 5, fromBlock: 9, chain: 1 }, "toBlock"],
    [{ kind: "tasks", format: "csv", phase: "phase-3" }, "phase"],
    [{ kind: "tasks", format: "csv", owner: { address: "0x1" } }, "owner"],
    [[1, 2], "body"],
  ])("refuses %j with 400 naming %s before queueing anything", async (body, argument) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ argument });
  });

  it("answers 404 for a job it does not know", async () => {
    expect((await app.request("/export/jobs/999999")).status).toBe(404);
  });
});
