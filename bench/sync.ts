/**
 * Backfill benchmark: a synthetic JSON-RPC chain of realistic Cortensor events (test/fixtures/
 * synthetic-rpc.ts) indexed from block 0 to its head by real `cortensor-indexer worker`
 * processes into a scratch Postgres database. It prints the end-to-end rate into all domain
 * tables, the workers' peak RSS, and, in the same run, the database's ceiling (COPY of the same
 * event rows) and the decoder's (decoding the same logs alone, one thread), then checks the
 * indexed counts against what the chain holds.
 *
 *   npm run bench     BENCH_EVENTS (default 1000000), BENCH_WORKERS (1), BENCH_KEEP=1 keeps the
 *                     database, BENCH_POSTGRES_URL / BENCH_REDIS_URL override the servers,
 *                     BENCH_WORKER_NODE_ARGS adds node options to the workers (profiling),
 *                     BENCH_RPC_LATENCY_MS delays every RPC answer (a remote provider)
 *
 * Ends with one JSON line:
 * {"events":…,"eventsPerSec":…,"peakRssMB":…,"copyCeilingRowsPerSec":…,"decodeCeilingEventsPerSec":…}
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import postgres from "postgres";
import type { ContractKind } from "../abis/index.ts";
import { openDatabase } from "../src/db/client.ts";
import { decodeLog } from "../src/decode/decode-log.ts";
import type { StageSeconds } from "../src/sync/stage-clock.ts";
import { type SyntheticRpc, startSyntheticRpc } from "../test/fixtures/synthetic-rpc.ts";
import { formatStages, freePort, scrapeProjectorStages } from "./projector-stages.ts";
import { createScratchDatabase } from "./scratch-database.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const RPC_LATENCY_MS = Number(process.env.BENCH_RPC_LATENCY_MS ?? 0);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
/**
 * glibc's malloc arenas of the workers, as the Docker image sets them (see its Dockerfile): with a
 * fetch thread beside the main one, more arenas hold more freed memory resident.
 */
const WORKER_MALLOC_ARENA_MAX = process.env.MALLOC_ARENA_MAX ?? "1";
/** glibc's fixed mmap threshold of the workers, as the Docker image sets it (see its Dockerfile). */
const WORKER_MALLOC_MMAP_THRESHOLD = process.env.MALLOC_MMAP_THRESHOLD_ ?? "131072";
/** Extra node options of the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
const CHAIN_ID = 31337;
/** Blocks per eth_getLogs of the raw-rate and decode measurements (the network file's maximum). */
const MAX_BLOCK_RANGE = 5000;
const bin = join(import.meta.dirname, "../bin/cortensor-indexer.mjs");

const rate = (count: number, ms: number) => Math.round((count * 1000) / ms);
const log = (message: string) => process.stderr.write(`${message}\n`);

/** A network file with one chain: the devnet contracts, served by the synthetic RPC. */
function writeNetworkFile(dir: string, rpcUrl: string): string {
  const devnet = JSON.parse(
    readFileSync(join(import.meta.dirname, "../networks/devnet.json"), "utf8"),
  ) as { chains: { chainId: number; contracts: unknown[] }[] };
  const contracts = devnet.chains.find((chain) => chain.chainId === CHAIN_ID)?.contracts;
  const file = join(dir, "bench-network.json");
  const network = {
    name: "bench-synthetic",
    chains: [
      {
        name: "synthetic",
        layer: "L2",
        chainId: CHAIN_ID,
        rpcUrls: [rpcUrl],
        finalityDepth: 0,
        pollingIntervalMs: 500,
        maxBlockRange: MAX_BLOCK_RANGE,
        contracts,
      },
    ],
  };
  writeFileSync(file, JSON.stringify(network, null, 2));
  return file;
}

interface WorkerRun {
  /** Until the checkpoint reached the head: the backfill of the events. */
  seconds: number;
  /**
   * Until every ended task's results were read as well (eth_calls after the events, by the
   * workers' result jobs): the same work whatever the number of workers, which the backfill
   * time alone is not, since more workers read more results while the events are indexed.
   */
  resultsSeconds: number;
  /** Task results read when the backfill ended. */
  resultsReadInBackfill: number;
  peakRssMB: number;
  /** CPU time (user + system, every thread) each worker used while the backfill was timed. */
  cpuSeconds: number[];
  /** The projectors' wall time by stage when the backfill ended (see stage-clock.ts). */
  stages: StageSeconds;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** The CPU time a process has used so far, in seconds (0 once it is gone). */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return 0;
  }
}

function rssMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** How long a wait may see no progress before the run fails (BENCH_STALL_SECONDS). */
const STALL_MS = Number(process.env.BENCH_STALL_SECONDS ?? 120) * 1000;

/**
 * Polls `check` every 100 ms until it reports `done`; rejects early through `failed`, and when
 * its `position` (blocks indexed, reads pending) stays the same for STALL_MS: a stuck worker
 * fails the run instead of hanging it.
 */
async function until(
  what: string,
  check: () => Promise<{ done: boolean; position: unknown }>,
  failed: Promise<never>,
): Promise<void> {
  let last: unknown;
  let movedAt = performance.now();
  for (;;) {
    const { done, position } = await Promise.race([check(), failed]);
    if (done) return;
    if (position !== last) {
      last = position;
      movedAt = performance.now();
    } else if (performance.now() - movedAt > STALL_MS) {
      throw new Error(`${what}: no progress for ${STALL_MS / 1000} s (at ${String(position)})`);
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), failed]);
  }
}

/**
 * Starts the workers while the RPC still reports block 0 as its head, waits until every one is
 * up (process start and module loading are not timed), then reveals the whole chain and times
 * until the checkpoint reaches its head, and until every task's results are read.
 */
async function runWorkers(
  env: Record<string, string>,
  networkFile: string,
  rpc: SyntheticRpc,
  sql: postgres.Sql,
): Promise<WorkerRun> {
  const children: ChildProcess[] = [];
  let ready = 0;
  let peakRssMB = 0;
  const sampler = setInterval(() => {
    for (const child of children) if (child.pid) peakRssMB = Math.max(peakRssMB, rssMB(child.pid));
  }, 100);
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  rpc.head = 0;
  const metricsPorts: number[] = [];
  try {
    for (let i = 0; i < WORKERS; i++) {
      metricsPorts.push(await freePort());
      const child = spawn(
        process.execPath,
        [...WORKER_NODE_ARGS, bin, "worker", "--network", networkFile],
        {
          env: {
            ...process.env,
            ...env,
            MALLOC_ARENA_MAX: WORKER_MALLOC_ARENA_MAX,
            MALLOC_MMAP_THRESHOLD_: WORKER_MALLOC_MMAP_THRESHOLD,
            METRICS_PORT: String(metricsPorts[i]),
            LOG_LEVEL: "info",
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      children.push(child);
      child.on("exit", (code) => fail(new Error(`worker ${i} exited with ${code}`)));
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
        let entry: { msg?: string; level?: number; [key: string]: unknown };
        try {
          entry = JSON.parse(line);
        } catch {
          return;
        }
        if (entry.msg === "indexing") ready += 1;
        if (entry.msg === "backfill progress") {
          log(
            `  worker ${i}: block ${entry.block}, ${entry.blocksLeft} blocks left, ${entry.eventsPerSec} events/s, ETA ${entry.eta}`,
          );
        }
        if ((entry.level ?? 0) >= 50) log(`  worker ${i}: ${line}`);
      });
    }
    const indexed = async () => {
      const [row] = await sql`select last_indexed_block::text as block from chain_checkpoints
        where chain_id = ${CHAIN_ID}`;
      return row ? BigInt(row.block) : undefined;
    };
    await until(
      "starting the workers",
      async () => ({ done: ready === WORKERS && (await indexed()) === 0n, position: ready }),
      failed,
    );
    rpc.head = rpc.chain.head;
    const startedAt = performance.now();
    const cpuAtStart = children.map((child) => cpuSeconds(child.pid ?? 0));
    await until(
      "the backfill",
      async () => {
        const block = await indexed();
        return { done: block === BigInt(rpc.chain.head), position: block };
      },
      failed,
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = children.map((child, i) => cpuSeconds(child.pid ?? 0) - (cpuAtStart[i] ?? 0));
    const stages = await scrapeProjectorStages(metricsPorts);
    const resultReads = async () => {
      const [row] = await sql`select count(*) filter (where status = 'DONE')::int as done,
          count(*) filter (where status = 'PENDING')::int as pending
        from task_result_fetches where chain_id = ${CHAIN_ID}`;
      return { done: row?.done ?? 0, pending: row?.pending ?? 0 };
    };
    const resultsReadInBackfill = (await resultReads()).done;
    await until(
      "the result reads",
      async () => {
        const { pending } = await resultReads();
        return { done: pending === 0, position: pending };
      },
      failed,
    );
    const resultsSeconds = (performance.now() - startedAt) / 1000;
    return { seconds, resultsSeconds, resultsReadInBackfill, peakRssMB, cpuSeconds: cpu, stages };
  } finally {
    clearInterval(sampler);
    for (const child of children) {
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
    }
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) =>
            child.exitCode !== null ? resolve() : child.once("exit", () => resolve()),
          ),
      ),
    );
  }
}

/** Domain counts after the run, against what the synthetic chain generated. */
async function checkCounts(sql: postgres.Sql, rpc: SyntheticRpc): Promise<string[]> {
  const totals = rpc.chain.totals;
  const expected: Record<string, number> = {
    events: totals.events,
    "events undecoded": 0,
    sessions: totals.sessions,
    tasks: totals.tasks,
    task_assignments: totals.assignments,
    nodes: totals.nodes,
    cognitive_rounds: totals.cognitiveRounds,
    validations: totals.validations,
    "task results read": totals.tasks,
  };
  const [row] = await sql`
    select (select count(*) from events)::int as events,
      (select count(*) from events where event_name is null)::int as "events undecoded",
      (select count(*) from sessions)::int as sessions,
      (select count(*) from tasks)::int as tasks,
      (select count(*) from task_assignments)::int as task_assignments,
      (select count(*) from nodes)::int as nodes,
      (select count(*) from cognitive_rounds)::int as cognitive_rounds,
      (select count(*) from validations)::int as validations,
      (select count(*) from task_result_fetches where status = 'DONE')::int as "task results read"`;
  return Object.entries(expected)
    .filter(([name, count]) => row?.[name] !== count)
    .map(([name, count]) => `${name}: expected ${count}, found ${row?.[name]}`);
}

/**
 * The database's ceiling: COPY of the very rows the run stored into a table like `events` (same
 * indexes), in chunks of ~50k rows read beforehand, so only Postgres' COPY is timed.
 */
async function copyCeiling(url: string, head: number, events: number): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create table events_copy_ceiling (like events including all)`;
  const blocksPerChunk = Math.max(1, Math.ceil((50_000 * head) / events));
  let rows = 0;
  let ms = 0;
  for (let from = 0; from <= head; from += blocksPerChunk) {
    const to = from + blocksPerChunk - 1;
    const chunks: Buffer[] = [];
    // A client of its own per read: after a large COPY TO, postgres.js' connection stalls the
    // next COPY FROM. COPY takes no bind parameters: the bounds are integers of this script.
    const reader = postgres(url, { max: 1, onnotice: () => {} });
    const stream = await reader
      .unsafe(`copy (select * from events where block_number between ${from} and ${to}) to stdout`)
      .readable();
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    await reader.end();
    const text = Buffer.concat(chunks);
    for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) rows += 1;
    const started = performance.now();
    const writer = await sql`copy events_copy_ceiling from stdin`.writable();
    // postgres.js stalls on one write of tens of megabytes: hand it 1 MB at a time.
    for (let at = 0; at < text.length; at += 1 << 20) {
      if (!writer.write(text.subarray(at, at + (1 << 20)))) await once(writer, "drain");
    }
    await new Promise<void>((resolve, reject) => {
      writer.on("error", reject);
      writer.end(resolve);
    });
    ms += performance.now() - started;
  }
  await sql`drop table events_copy_ceiling`;
  await sql.end();
  return rate(rows, ms);
}

/** The decoder alone, on this thread: the same logs, generated beforehand per range. */
function decodeCeiling(rpc: SyntheticRpc): number {
  const kindOf = new Map(
    Object.entries(rpc.chain.addresses).map(([kind, address]) => [address, kind as ContractKind]),
  );
  let count = 0;
  let ms = 0;
  for (let from = 0; from <= rpc.chain.head; from += MAX_BLOCK_RANGE) {
    const logs = rpc.chain.rawLogs(from, from + MAX_BLOCK_RANGE - 1);
    const started = performance.now();
    for (const raw of logs) decodeLog(raw, kindOf.get(raw.address) as ContractKind);
    ms += performance.now() - started;
    count += logs.length;
  }
  return rate(count, ms);
}

/** The synthetic RPC's own rate: every range fetched and parsed as a client would (one thread). */
async function rawRpcRate(rpc: SyntheticRpc): Promise<number> {
  const address = Object.values(rpc.chain.addresses);
  const started = performance.now();
  let count = 0;
  for (let from = 0; from <= rpc.chain.head; from += MAX_BLOCK_RANGE) {
    const range = {
      fromBlock: `0x${from.toString(16)}`,
      toBlock: `0x${(from + MAX_BLOCK_RANGE - 1).toString(16)}`,
    };
    const response = await fetch(rpc.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_getLogs",
        params: [{ address, ...range }],
      }),
    });
    count += ((await response.json()) as { result: unknown[] }).result.length;
  }
  return rate(count, performance.now() - started);
}

async function main(): Promise<void> {
  // The workers must run the bundle: with a source edited after it, bin/ would run the sources
  // through tsx, whose compiler thread and loader add ~70 MB of RSS and slow the start.
  log("building the CLI bundle the workers run…");
  execFileSync(process.execPath, [join(import.meta.dirname, "../scripts/build-cli.mjs")], {
    stdio: "inherit",
  });
  log(`generating a synthetic chain of at least ${EVENTS} events…`);
  const rpc = await startSyntheticRpc({ minEvents: EVENTS, seed: 7, latencyMs: RPC_LATENCY_MS });
  const { totals, head } = rpc.chain;
  log(
    `  ${totals.events} events, ${totals.tasks} tasks, ${totals.sessions} sessions in ${head} blocks`,
  );
  const scratch = await createScratchDatabase("bench_sync");
  const url = new URL(scratch.url);
  // Migrated here, so that several workers do not race to migrate an empty database.
  const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 });
  await database.migrate();
  await database.close();
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const dir = mkdtempSync(join(tmpdir(), "bench-sync-"));
  let failed = false;
  try {
    const networkFile = writeNetworkFile(dir, rpc.url);
    log(`indexing with ${WORKERS} worker process(es)…`);
    const run = await runWorkers(
      {
        DATABASE_URL: url.toString(),
        REDIS_URL,
        QUEUE_PREFIX: `bench-sync-${randomBytes(4).toString("hex")}`,
      },
      networkFile,
      rpc,
      sql,
    );
    const { seconds } = run;
    const eventsPerSec = Math.round(totals.events / seconds);
    const mismatches = await checkCounts(sql, rpc);
    for (const mismatch of mismatches) log(`  WRONG ${mismatch}`);
    failed = mismatches.length > 0;
    log("measuring the ceilings…");
    const copyCeilingRowsPerSec = await copyCeiling(url.toString(), head, totals.events);
    const decodeCeilingEventsPerSec = decodeCeiling(rpc);
    const rpcLogsPerSec = await rawRpcRate(rpc);
    const rows: [string, string][] = [
      [
        "events indexed",
        `${totals.events} (${mismatches.length === 0 ? "counts verified" : "COUNTS WRONG"})`,
      ],
      [
        "workers",
        `${WORKERS} (MALLOC_ARENA_MAX=${WORKER_MALLOC_ARENA_MAX}, MALLOC_MMAP_THRESHOLD_=${WORKER_MALLOC_MMAP_THRESHOLD})`,
      ],
      ["backfill time", `${seconds.toFixed(1)} s`],
      ["end-to-end", `${eventsPerSec} events/s`],
      [
        "every task's results read",
        `${run.resultsSeconds.toFixed(1)} s (${run.resultsReadInBackfill} of ${totals.tasks} during the backfill)`,
      ],
      ["peak worker RSS", `${run.peakRssMB.toFixed(0)} MB`],
      ["worker CPU time (backfill)", run.cpuSeconds.map((cpu) => `${cpu.toFixed(1)} s`).join(", ")],
      ["projector time by stage", formatStages(run.stages)],
      [
        "COPY ceiling (events rows)",
        `${copyCeilingRowsPerSec} rows/s (${((100 * eventsPerSec) / copyCeilingRowsPerSec).toFixed(0)}% reached)`,
      ],
      ["decode ceiling (one thread)", `${decodeCeilingEventsPerSec} events/s`],
      ["synthetic RPC raw (fetch + parse)", `${rpcLogsPerSec} logs/s`],
      ["RPC calls", JSON.stringify(rpc.stats.calls)],
    ];
    for (const [label, value] of rows) console.log(`${label.padEnd(34)} ${value}`);
    console.log(
      JSON.stringify({
        events: totals.events,
        eventsPerSec,
        peakRssMB: Math.round(run.peakRssMB),
        copyCeilingRowsPerSec,
        decodeCeilingEventsPerSec,
      }),
    );
  } finally {
    await sql.end();
    await scratch.drop();
    await rpc.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

await main();
