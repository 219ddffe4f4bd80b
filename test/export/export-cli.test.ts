import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { ExportMetadata } from "../../src/export/export-metadata.ts";
import { terminalProgress } from "../../src/export/terminal-progress.ts";
import { type CliProcess, runCli, spawnCli } from "../fixtures/cli-process.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";
import { seedExportFixtures } from "./export-fixtures.ts";
import { graphqlRows } from "./graphql-expectations.ts";
import { parseExport, readExportFile } from "./read-export.ts";

const run = runCli;

describe("cortensor-indexer export", () => {
  let database: TestDatabase;
  let directory: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase("export_cli");
    await seedExportFixtures(database.handle.db);
    directory = await mkdtemp(join(tmpdir(), "export-cli-"));
    env = { DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("writes the file and its metadata quietly when not on a terminal", async () => {
    const out = join(directory, "tasks.csv");
    const { code, output } = await run(
      [
        "export",
        "tasks",
        "--format",
        "csv",
        "--out",
        out,
        "--chain",
        "1",
        "--status",
        "ENDED",
        "--status",
        "ASSIGNED",
      ],
      env,
    );
    expect({ code, output }).toEqual({ code: 0, output: "" });
    const { rows, metadata } = await readExportFile(out, "csv");
    const app = createApiApp({ database: database.handle });
    expect(rows).toEqual(
      await graphqlRows(app, "tasks", { chain: "1", status: "ENDED,ASSIGNED" }, {}),
    );
    expect(metadata).toMatchObject({
      kind: "tasks",
      filters: { chain: "1", status: "ENDED,ASSIGNED" },
    });
    expect((await readdir(directory)).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("writes into a pipe in place (--out /dev/stdout), its metadata as a line on stderr", async () => {
    const cli = spawnCli(
      ["export", "tasks", "--format", "csv", "--out", "/dev/stdout", "--chain", "1"],
      env,
    );
    const stdout: Buffer[] = [];
    let stderr = "";
    cli.child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    cli.child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    const code = await cli.exited();
    expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
    const metadata = JSON.parse(stderr) as ExportMetadata;
    expect(metadata).toMatchObject({ kind: "tasks", format: "csv", filters: { chain: "1" } });
    const { rows } = await parseExport(Buffer.concat(stdout), "csv", metadata);
    const app = createApiApp({ database: database.handle });
    expect(rows).toEqual(await graphqlRows(app, "tasks", { chain: "1" }, {}));
    expect(rows.length).toBe(metadata.rows);
  });

  it("stops quietly with exit code 141 when the reader closes standard output early", async () => {
    const big = await createTestDatabase("export_pipe");
    try {
      // Far more than a pipe holds, so the export is still running when the reader leaves.
      await big.handle.db.execute(sql`
        insert into events (chain_id, block_number, log_index, block_hash, block_timestamp,
          tx_hash, tx_index, contract_address, contract_kind, event_name, abi, topic0, topics,
          data, args)
        select 1, i, 0, 'h', 1, 't', 0, '0xa', 'SessionV2', 'E', 'gen1', 't0', '[]', '0x', '{}'
        from generate_series(1, 200000) i`);
      const cli = spawnCli(["export", "events", "--format", "ndjson", "--out", "-"], {
        DATABASE_URL: big.url,
      });
      let stderr = "";
      cli.child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk;
      });
      await once(cli.child.stdout as Readable, "data");
      cli.child.stdout?.destroy();
      expect({ code: await cli.exited(), stderr }).toEqual({ code: 141, stderr: "" });
      await waitFor("the export's connection to close", async () => {
        const [row] = await big.handle.db
          .select({ count: sql<number>`count(*)::int` })
          .from(sql`pg_stat_activity`)
          .where(sql`datname = ${big.name} and pid <> pg_backend_pid() and state <> 'idle'`);
        return row?.count === 0 ? true : undefined;
      });
    } finally {
      await big.drop();
    }
  });

  it.skipIf(!existsSync("/dev/full"))(
    "ends with the system's reason and exit code 1 when the output refuses a write (/dev/full)",
    async () => {
      for (const format of ["csv", "ndjson", "parquet"]) {
        const result = await run(
          ["export", "tasks", "--format", format, "--out", "/dev/full"],
          env,
        );
        expect(result).toEqual({
          code: 1,
          output: "error: cannot write /dev/full: no space left on device (ENOSPC)\n",
        });
      }
    },
  );

  it("refuses --job into a device or a pipe of this machine, before queueing", async () => {
    const { code, output } = await run(
      ["export", "tasks", "--format", "csv", "--out", "/dev/null", "--job"],
      { ...env, REDIS_URL: TEST_REDIS_URL },
    );
    expect(code).toBe(2);
    expect(output).toContain("error: --out: /dev/null is a device or a pipe of this machine");
  });

  it.each([
    [
      ["--chain", "1", "--from-block", "50", "--to-block", "10"],
      2,
      "error: --to-block: 10 is below fromBlock 50",
    ],
    [["--from-block", "50"], 2, "error: --from-block: a block range needs exactly one chain"],
    [["--phase", "phase-7"], 2, "error: --phase: unknown phase"],
    [["--status", "DONE"], 2, "error: --status:"],
    [["--owner", "0x12"], 2, "error: --owner: expected an address"],
    [["--from", "last tuesday"], 2, "error: --from: expected unix seconds or an ISO 8601 time"],
  ])("refuses %j, naming the flag, and writes nothing", async (flags, exitCode, message) => {
    const out = join(directory, "refused.ndjson");
    const { code, output } = await run(
      ["export", "tasks", "--format", "ndjson", "--out", out, ...flags],
      env,
    );
    expect(code).toBe(exitCode);
    expect(output).toContain(message);
    expect(await readdir(directory)).not.toContain("refused.ndjson");
  });

  it("refuses an unknown format, a filter the kind lacks and an unwritable --out", async () => {
    const out = join(directory, "x.csv");
    const format = await run(["export", "events", "--format", "xlsx", "--out", out], env);
    expect(format.output).toMatch(/--format <format>' argument 'xlsx' is invalid/);
    const owner = await run(
      ["export", "events", "--format", "csv", "--out", out, "--owner", "0x1"],
      env,
    );
    expect(owner.output).toContain("unknown option '--owner'");
    const missing = await run(
      ["export", "events", "--format", "csv", "--out", "/no/such/dir/x.csv"],
      env,
    );
    expect(missing).toMatchObject({
      code: 2,
      output: expect.stringContaining("error: --out: cannot write into /no/such/dir"),
    });
  });

  it("queues an export for an export worker with --job and waits for it", async () => {
    const jobEnv = {
      ...env,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueQueuePrefix("export-cli"),
    };
    let worker: CliProcess | undefined;
    try {
      worker = spawnCli(["export", "worker", "--dir", directory], { ...jobEnv, LOG_LEVEL: "info" });
      await waitFor("the export worker to start", async () =>
        worker?.output().includes("export worker started"),
      );
      const out = join(directory, "miners.parquet");
      const { code, output } = await run(
        ["export", "miners", "--format", "parquet", "--out", out, "--job"],
        jobEnv,
      );
      expect(code).toBe(0);
      expect(output).toMatch(/^queued export job \d+\n$/);
      const { rows } = await readExportFile(out, "parquet");
      expect(rows.map((row) => row.address)).toHaveLength(4);
    } finally {
      await worker?.stop();
    }
  });
});

describe("terminalProgress", () => {
  it("draws rows, rows/s and an ETA on a terminal, and nothing elsewhere", () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let drawn = "";
    terminal.on("data", (chunk) => {
      drawn += chunk;
    });
    const progress = terminalProgress(terminal as unknown as NodeJS.WriteStream);
    progress?.update({ rows: 500, totalRows: 2000, elapsedMs: 1000 });
    progress?.stop();
    expect(drawn).toMatch(/25% \| 500\/2000 rows \| 500 rows\/s \| ETA \d+s/);
    expect(terminalProgress(new PassThrough() as unknown as NodeJS.WriteStream)).toBeUndefined();
  });
});
