import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { tasks } from "../../src/db/schema/index.ts";
import { EXPORT_FORMATS, parseExportRequest } from "../../src/export/export-request.ts";
import { singlePhaseResolver } from "../../src/export/phase-resolver.ts";
import { writeExportFile } from "../../src/export/write-export-file.ts";
import { minerAddress } from "../api/domain-fixtures.ts";
import { address, taskRow } from "../api/fixtures.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { AWKWARD_TEXT, HUGE_SESSION, HUGE_TASK, seedExportFixtures } from "./export-fixtures.ts";
import { type FilterParameters, graphqlRows } from "./graphql-expectations.ts";
import { parseExport, readExportFile } from "./read-export.ts";

const NETWORKS = { devnet: [1, 2], testnet: [3] };

/** Filter sets per kind, each exported in every format and compared with GraphQL. */
const CASES: [string, FilterParameters][] = [
  ["tasks", {}],
  ["tasks", { chain: "1", status: "ENDED,COMMITTED" }],
  ["tasks", { chain: "1", fromBlock: "2001", toBlock: "3000" }],
  ["tasks", { session: `1,${HUGE_SESSION}` }],
  ["tasks", { owner: address(1) }],
  ["tasks", { miner: minerAddress(2) }],
  ["tasks", { network: "devnet", from: "1700001001", to: "1700003000" }],
  ["sessions", {}],
  ["sessions", { owner: address(1), status: "ACTIVE" }],
  ["sessions", { chain: "1", fromBlock: "1002", toBlock: "1003" }],
  ["miners", {}],
  ["miners", { chain: "1", status: "ADDED,REMOVED" }],
  ["miners", { miner: minerAddress(3) }],
  ["events", {}],
  ["events", { chain: "1", fromBlock: "1001", toBlock: "2100" }],
  ["events", { network: "testnet" }],
];

describe("exports match the GraphQL answers for the same filters", () => {
  let database: TestDatabase;
  let app: Hono;
  let directory: string;

  beforeAll(async () => {
    database = await createTestDatabase("export_formats");
    await seedExportFixtures(database.handle.db);
    app = createApiApp({ database: database.handle });
    directory = await mkdtemp(join(tmpdir(), "export-formats-"));
  });
  afterAll(async () => {
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  const dependencies = () => ({ resolvePhaseDatabase: singlePhaseResolver(database.handle) });

  describe.each(EXPORT_FORMATS)("%s", (format) => {
    it.each(CASES)("%s %j", async (kind, filters) => {
      const out = join(directory, `${kind}-${format}-${Object.keys(filters).join("-")}.${format}`);
      const request = parseExportRequest({ kind, format, ...filters });
      const written = await writeExportFile(request, out, dependencies());
      const { rows, metadata } = await readExportFile(out, format);
      const expected = await graphqlRows(app, kind, filters, NETWORKS);
      expect(rows).toEqual(expected);
      expect(metadata).toEqual(written);
      expect(metadata.rows).toBe(expected.length);
    });
  });

  it("keeps every digit of uint256 values and the exact text in every format", async () => {
    for (const format of EXPORT_FORMATS) {
      const out = join(directory, `precision.${format}`);
      await writeExportFile(
        parseExportRequest({ kind: "tasks", format, session: HUGE_SESSION }),
        out,
        dependencies(),
      );
      const { rows } = await readExportFile(out, format);
      expect(rows).toMatchObject([{ sessionId: HUGE_SESSION, taskId: HUGE_TASK }]);
      const withText = join(directory, `text.${format}`);
      await writeExportFile(
        parseExportRequest({ kind: "tasks", format, chain: "1", session: "1" }),
        withText,
        dependencies(),
      );
      const [first] = (await readExportFile(withText, format)).rows;
      expect(first).toMatchObject({
        taskData: AWKWARD_TEXT,
        clientReference: "",
        assignedToAckedSeconds: "7",
        assignments: [
          { status: "COMMITTED", result: "urn:cortensor:result:1", ackedAt: "1700002004" },
          { status: "DROPPED", result: 'a "quoted", result', resultHash: null },
          { status: "MISSED_PRECOMMIT", committedAt: null, result: null },
        ],
        validations: [
          { blockNumber: "2150", verdict: "VALID" },
          { blockNumber: "2200", verdict: "INVALID", score: (2n ** 90n).toString() },
        ],
      });
    }
  });

  it("writes a row larger than a write chunk whole, in every format", async () => {
    // 600 kB of text: more than two of the 256 kB chunks a COPY's rows are gathered into.
    const taskData = `${AWKWARD_TEXT}\n`.repeat(8000);
    await database.handle.db.insert(tasks).values(taskRow(77, 1, { chainId: 2, taskData }));
    for (const format of EXPORT_FORMATS) {
      const out = join(directory, `large-row.${format}`);
      const request = parseExportRequest({ kind: "tasks", format, chain: "2", session: "77" });
      await writeExportFile(request, out, dependencies());
      const { rows, metadata } = await readExportFile(out, format);
      expect(rows.map((row) => row.taskData)).toEqual([taskData]);
      expect(metadata.rows).toBe(1);
    }
  });

  it("states the snapshot: phase, every chain's indexed block, filters and columns", async () => {
    const out = join(directory, "snapshot.parquet");
    const metadata = await writeExportFile(
      parseExportRequest({ kind: "miners", format: "parquet", chain: "1" }),
      out,
      dependencies(),
    );
    expect(metadata).toMatchObject({
      kind: "miners",
      format: "parquet",
      filters: { chain: "1" },
      rows: 3,
      snapshot: {
        phase: null,
        isolation: "REPEATABLE READ",
        chains: [
          {
            chainId: 1,
            network: "devnet",
            lastIndexedBlock: "5000",
            lastIndexedTimestamp: "1700005000",
          },
          { chainId: 2, network: "devnet", lastIndexedBlock: "800" },
          { chainId: 3, network: "testnet", lastIndexedBlock: "90" },
        ],
      },
    });
    expect(metadata.columns).toContainEqual({ name: "lastSeenAt", type: "timestamp" });
    expect(Date.parse(metadata.snapshot.takenAt)).not.toBeNaN();
  });

  it("writes an empty export with its header and schema", async () => {
    for (const format of EXPORT_FORMATS) {
      const out = join(directory, `empty.${format}`);
      const metadata = await writeExportFile(
        parseExportRequest({ kind: "tasks", format, status: "PRECOMMITTED" }),
        out,
        dependencies(),
      );
      expect(metadata.rows).toBe(0);
      expect((await readExportFile(out, format)).rows).toEqual([]);
    }
  });

  it("refuses a network that no chain has, and a chain outside the network", async () => {
    const write = (filters: FilterParameters, name = "refused.csv") =>
      writeExportFile(
        parseExportRequest({ kind: "events", format: "csv", ...filters }),
        join(directory, name),
        dependencies(),
      );
    await expect(write({ network: "mainnet" })).rejects.toThrow(/^network: no indexed chain/);
    await expect(write({ network: "testnet", chain: "1" })).rejects.toThrow(
      /^chain: chain 1 is not in network "testnet"/,
    );
    await expect(write({ network: "devnet" }, "devnet.csv")).resolves.toMatchObject({ rows: 5 });
  });

  it("writes a pipe or a device in place, with no sidecar, and refuses a directory", async () => {
    for (const format of EXPORT_FORMATS) {
      const request = parseExportRequest({ kind: "tasks", format, chain: "1" });
      const file = join(directory, `pipe-reference.${format}`);
      await writeExportFile(request, file, dependencies());
      const fifo = join(directory, `pipe.${format}`);
      execFileSync("mkfifo", [fifo]);
      const read = readFile(fifo);
      const written = await writeExportFile(request, fifo, dependencies());
      const piped = await parseExport(await read, format, written);
      expect(piped.rows).toEqual((await readExportFile(file, format)).rows);
      expect(piped.rows.length).toBeGreaterThan(0);
      expect((await stat(fifo)).isFIFO()).toBe(true);
      await writeExportFile(request, "/dev/null", dependencies());
      expect((await stat("/dev/null")).isCharacterDevice()).toBe(true);
    }
    const names = await readdir(directory);
    expect(names.filter((name) => name.startsWith("pipe.") && name.endsWith(".meta.json"))).toEqual(
      [],
    );
    await expect(stat("/dev/null.meta.json")).rejects.toThrow();
    await expect(
      writeExportFile(
        parseExportRequest({ kind: "tasks", format: "csv" }),
        directory,
        dependencies(),
      ),
    ).rejects.toThrow(/^out: .* is a directory/);
  });

  it("leaves no temporary file behind, whether it succeeds or fails", async () => {
    const names = await readdir(directory);
    expect(names.filter((name) => name.endsWith(".partial"))).toEqual([]);
    expect(names).not.toContain("refused.csv");
  });
});
