/**
 * Export benchmark: a dedicated scratch database seeded in SQL (INSERT … SELECT generate_series),
 * then exports streamed to files in CSV and NDJSON (and Parquet), measuring rows per second and
 * RSS: at 100k rows and at its peak, which must stay flat up to the last row. Each export runs in
 * a fresh child process, so one export's heap never inflates the next one's RSS.
 *
 * Kinds: raw `events` (BENCH_ROWS, default 5,000,000) and the `tasks` session history with three
 * miners per task, their results and validations (BENCH_HISTORY_ROWS, default 1,000,000).
 * BENCH_KINDS (default events,tasks) and BENCH_FORMATS (default csv,ndjson,parquet) pick the
 * exports, BENCH_KEEP=1 keeps the database.
 * Uses BENCH_POSTGRES_URL or TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres). Prints a table and
 * one JSON line. Run with `npm run bench:export`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.ts";
import { rebuildTaskHistories } from "../src/db/task-histories.ts";
import { exportQuery } from "../src/export/export-query.ts";
import { type ExportFormat, parseExportRequest } from "../src/export/export-request.ts";
import { FILE_FORMATS } from "../src/export/formats/index.ts";
import { EXPORT_KINDS, type ExportKindName } from "../src/export/kinds/index.ts";
import { singlePhaseResolver } from "../src/export/phase-resolver.ts";
import { writeExportFile } from "../src/export/write-export-file.ts";
import { createScratchDatabase, seedWithSql } from "./scratch-database.ts";

const EVENT_ROWS = Number(process.env.BENCH_ROWS ?? 5_000_000);
const HISTORY_ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? 1_000_000);
const FORMATS = (process.env.BENCH_FORMATS ?? "csv,ndjson,parquet").split(",") as ExportFormat[];
const KINDS = (process.env.BENCH_KINDS ?? "events,tasks").split(",");
/** RSS is compared from this row count on: before it, the heap is still warming up. */
const RSS_BASELINE_ROWS = 100_000;
const TARGET_ROWS_PER_SECOND = 200_000;
const RSS_LIMIT_MB = 150;

const hex = (value: string, digits: number) => `'0x' || lpad(to_hex(${value}), ${digits}, '0')`;

/** Raw events as the indexer stores them: decoded arguments, topics, data. */
const seedEvents = (rows: number) => [
  // The export reads events in key order only; the other indexes would just slow the seeding.
  "drop index events_chain_name_idx",
  "drop index events_contract_idx",
  `insert into events (chain_id, block_number, log_index, block_hash, block_timestamp, tx_hash,
     tx_index, contract_address, contract_kind, event_name, abi, topic0, topics, data, args)
   select 1, i / 4, i % 4, ${hex("i / 4", 64)}, 1700000000 + i / 2, ${hex("i", 64)}, i % 7,
     ${hex("4096 + i % 3", 40)}, 'SessionQueueV2', 'TaskAssigned', 'gen3', ${hex("43981", 64)},
     jsonb_build_array(${hex("43981", 64)}, ${hex("i / 100", 64)}), ${hex("i", 128)},
     jsonb_build_object('sessionId', (i / 100)::text, 'taskId', i::text,
       'miners', jsonb_build_array(${hex("i % 2000", 40)}, ${hex("(i + 1) % 2000", 40)}))
   from generate_series(0, ${rows - 1}) i`,
];

/** Sessions, tasks through every phase, three miners each with outcomes and results. */
const seedHistory = (rows: number) => {
  const sessions = Math.max(1, Math.round(rows / 100));
  const session = `i % ${sessions} + 1`;
  return [
    `insert into sessions (chain_id, session_id, contract_address, sid, owner, miners,
       min_num_of_nodes, max_num_of_nodes, redundant, state, created_block, created_at)
     select 1, s, ${hex("4096", 40)}, 'session-' || s, ${hex("s % 500 + 1", 40)}, '[]', 1, 3, 3,
       'ACTIVE', s, 1700000000 + 2 * s
     from generate_series(1, ${sessions}) s`,
    `insert into tasks (chain_id, session_id, task_id, global_id, status, task_data, miners,
       final_miners, ack_count, precommit_count, commit_count, queued_block, queued_at,
       assigned_block, assigned_at, acked_block, acked_at, precommitted_block, precommitted_at,
       committed_block, committed_at, ended_block, ended_at)
     select 1, ${session}, i, i, 'ENDED', 'prompt ' || i,
       jsonb_build_array(${hex("i % 2000", 40)}, ${hex("(i + 1) % 2000", 40)}, ${hex("(i + 2) % 2000", 40)}),
       jsonb_build_array(${hex("i % 2000", 40)}, ${hex("(i + 1) % 2000", 40)}), 3, 3, 2,
       1000 + 15 * i, 1700000000 + 30 * i, 1001 + 15 * i, 1700000002 + 30 * i, 1003 + 15 * i,
       1700000006 + 30 * i, 1006 + 15 * i, 1700000012 + 30 * i, 1009 + 15 * i,
       1700000018 + 30 * i, 1014 + 15 * i, 1700000028 + 30 * i
     from generate_series(1, ${rows}) i`,
    `insert into task_assignments (chain_id, session_id, task_id, miner, assigned_block,
       assigned_at, acked_block, acked_at, precommitted_block, precommitted_at, committed_block,
       committed_at, in_final_list, outcome, outcome_block)
     select 1, ${session}, i, ${hex("(i + k) % 2000", 40)}, 1001 + 15 * i, 1700000002 + 30 * i,
       1003 + 15 * i, 1700000006 + 30 * i, 1006 + 15 * i, 1700000012 + 30 * i,
       case when k < 2 then 1009 + 15 * i end, case when k < 2 then 1700000018 + 30 * i end,
       k < 2, case when k < 2 then 'COMMITTED' else 'MISSED_COMMIT' end, 1014 + 15 * i
     from generate_series(1, ${rows}) i, generate_series(0, 2) k`,
    `insert into task_results (chain_id, session_id, task_id, miner, result, block_number)
     select chain_id, session_id, task_id, miner, 'urn:cortensor:result:' || task_id || ':' || miner,
       outcome_block
     from task_assignments where outcome = 'COMMITTED'`,
    `insert into task_result_fetches (chain_id, session_id, task_id, contract_address,
       block_number, status, attempts)
     select 1, ${session}, i, ${hex("4096", 40)}, 1014 + 15 * i, 'DONE', 1
     from generate_series(1, ${rows}) i`,
    `insert into validations (chain_id, block_number, log_index, block_timestamp,
       validator_session_id, session_id, task_id, validator, miner, verdict, score)
     select 1, 1020 + 15 * i, 0, 1700000040 + 30 * i, 1, ${session}, i, ${hex("7", 40)},
       ${hex("i % 2000", 40)}, 'VALID', 90
     from generate_series(10, ${rows}, 10) i`,
  ];
};

interface Measurement {
  kind: string;
  format: ExportFormat;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  megabytes: number;
  /** RSS (MB) of the process before the export: Node, tsx and the app's modules. */
  rssBeforeMb: number;
  rssAtBaselineMb: number;
  rssPeakMb: number;
  /** RSS (MB) when the export passed 100k, 1M, 2.5M and 5M rows. */
  rssByRows: Record<string, number>;
  /** Rows/s of the same COPY written by the server to /dev/null: the database's own ceiling. */
  ceilingRowsPerSecond?: number;
}

/**
 * The database's ceiling for an export written by COPY: the same statement, with the server
 * writing to /dev/null, so nothing but Postgres' own work (scan, joins, formatting) is timed.
 * Undefined for formats encoded in Node (Parquet) or when the role may not write server files.
 */
async function measureCeiling(
  databaseUrl: string,
  kind: ExportKindName,
  format: ExportFormat,
): Promise<number | undefined> {
  const copy = FILE_FORMATS[format].copy;
  if (!copy) return undefined;
  const query = exportQuery(EXPORT_KINDS[kind], {}, copy.representation);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const started = performance.now();
    const result = await sql.unsafe(copy.statement(query.text, "'/dev/null'"));
    return Math.round(result.count / ((performance.now() - started) / 1000));
  } catch (error) {
    console.log(`no database ceiling for ${kind} ${format}: ${(error as Error).message}`);
    return undefined;
  } finally {
    await sql.end();
  }
}

const RSS_MILESTONES = [100_000, 1_000_000, 2_500_000, 5_000_000];

const mb = (bytes: number) => Math.round(bytes / 1e6);

/** One export in this process (the child's side): rows/s and RSS as it streams. */
async function measure(
  databaseUrl: string,
  directory: string,
  kind: string,
  format: ExportFormat,
): Promise<Measurement> {
  const database = await openDatabase({ databaseUrl, maxConnections: 2 });
  const rssBefore = process.memoryUsage().rss;
  const out = join(directory, `${kind}.${format}`);
  let rssAtBaseline: number | undefined;
  let rssPeak = 0;
  const rssByRows: Record<string, number> = {};
  const started = performance.now();
  const metadata = await writeExportFile(
    parseExportRequest({ kind, format }),
    out,
    { resolvePhaseDatabase: singlePhaseResolver(database) },
    {
      onProgress: ({ rows }) => {
        const { rss } = process.memoryUsage();
        if (rows < RSS_BASELINE_ROWS) return;
        rssAtBaseline ??= rss;
        rssPeak = Math.max(rssPeak, rss);
        const milestone = RSS_MILESTONES.filter((row) => rows >= row).at(-1);
        if (milestone !== undefined) rssByRows[milestone] ??= mb(rss);
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  await database.close();
  const rows = metadata.rows ?? 0;
  const size = (await stat(out)).size;
  await rm(out);
  await rm(`${out}.meta.json`, { force: true });
  return {
    kind,
    format,
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: mb(size),
    rssBeforeMb: mb(rssBefore),
    rssAtBaselineMb: mb(rssAtBaseline ?? process.memoryUsage().rss),
    rssPeakMb: mb(rssPeak),
    rssByRows,
  };
}

function printTable(results: Measurement[]) {
  console.log(
    `\n${"kind".padEnd(8)}${"format".padEnd(9)}${"rows".padStart(10)}${"s".padStart(8)}${"rows/s".padStart(10)}${"DB ceiling".padStart(17)}${"MB".padStart(7)}${"RSS start".padStart(11)}${"RSS@100k".padStart(10)}${"RSS peak".padStart(10)}`,
  );
  for (const r of results) {
    const ceiling = r.ceilingRowsPerSecond
      ? `${r.ceilingRowsPerSecond} (${Math.round((100 * r.rowsPerSecond) / r.ceilingRowsPerSecond)}%)`
      : "-";
    console.log(
      `${r.kind.padEnd(8)}${r.format.padEnd(9)}${String(r.rows).padStart(10)}${r.seconds.toFixed(1).padStart(8)}${String(r.rowsPerSecond).padStart(10)}${ceiling.padStart(17)}${String(r.megabytes).padStart(7)}${`${r.rssBeforeMb} MB`.padStart(11)}${`${r.rssAtBaselineMb} MB`.padStart(10)}${`${r.rssPeakMb} MB`.padStart(10)}`,
    );
  }
  console.log(
    `\ntargets: >= ${TARGET_ROWS_PER_SECOND} rows/s to CSV and NDJSON, RSS <= ${RSS_LIMIT_MB} MB throughout`,
  );
}

/** This script bundled like the CLI, at dist/bench/export.mjs (two folders deep, as src/ is). */
async function bundleOfThisScript(): Promise<string> {
  // Imported at run time, so that the bundle does not carry the bundler.
  const script = pathToFileURL(join(import.meta.dirname, "../scripts/build-cli.mjs")).href;
  const { buildBundle } = (await import(script)) as {
    buildBundle(entry: string, outfile: string): Promise<string>;
  };
  return buildBundle("bench/export.ts", "dist/bench/export.mjs");
}

/**
 * Runs `measure` in a fresh process: this script with `--measure <url> <dir> <kind> <format>`,
 * bundled like the CLI (scripts/build-cli.mjs), so that its memory is what an export process of
 * an installed indexer takes, not tsx compiling the sources.
 */
async function measureInChild(
  bundle: string,
  databaseUrl: string,
  directory: string,
  kind: string,
  format: ExportFormat,
): Promise<Measurement> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bundle, "--measure", databaseUrl, directory, kind, format],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Measurement;
}

async function main() {
  const scratch = await createScratchDatabase("bench_export");
  const database = await openDatabase({ databaseUrl: scratch.url, maxConnections: 1 });
  const directory = await mkdtemp(join(tmpdir(), "bench-export-"));
  try {
    await database.migrate();
    const seeding = performance.now();
    await seedWithSql(scratch.url, [...seedEvents(EVENT_ROWS), ...seedHistory(HISTORY_ROWS)]);
    // Seeded around the projection, which keeps the task histories: built here as an upgrade does.
    const building = performance.now();
    await rebuildTaskHistories(database.db);
    await database.db.execute(sql`vacuum analyze task_histories`);
    console.log(
      `built ${HISTORY_ROWS} task histories in ${Math.round((performance.now() - building) / 1000)} s`,
    );
    console.log(
      `seeded ${EVENT_ROWS} events and ${HISTORY_ROWS} tasks (x3 miners) in ${Math.round((performance.now() - seeding) / 1000)} s`,
    );
    const bundle = await bundleOfThisScript();
    const results: Measurement[] = [];
    for (const kind of KINDS) {
      for (const format of FORMATS) {
        const result = await measureInChild(bundle, scratch.url, directory, kind, format);
        result.ceilingRowsPerSecond = await measureCeiling(
          scratch.url,
          kind as ExportKindName,
          format,
        );
        console.log(
          `${kind} ${format}: ${result.rowsPerSecond} rows/s (database ceiling ${result.ceilingRowsPerSecond ?? "-"}), RSS peak ${result.rssPeakMb} MB`,
        );
        results.push(result);
      }
    }
    printTable(results);
    console.log(
      JSON.stringify({
        bench: "export",
        eventRows: EVENT_ROWS,
        historyRows: HISTORY_ROWS,
        results,
      }),
    );
  } finally {
    await database.close();
    await rm(directory, { recursive: true, force: true });
    await scratch.drop();
  }
}

if (process.argv[2] === "--measure") {
  const [databaseUrl, directory, kind, format] = process.argv.slice(3) as [
    string,
    string,
    string,
    ExportFormat,
  ];
  console.log(JSON.stringify(await measure(databaseUrl, directory, kind, format)));
} else {
  await main();
}
