/**
 * Dashboard query benchmark: a scratch database with a year of generated traffic (1M tasks, ~3M
 * assignments, 2k nodes, 10k sessions), then every dashboard and oracle query through the Hono
 * app's GraphQL, warm, several runs each: median and p95 milliseconds, and the plans of the
 * slowest one. Run with `npm run bench:dashboard`; BENCH_TASKS and BENCH_RUNS change the size and
 * the runs, BENCH_JIT=off turns Postgres' JIT compilation off for the database, BENCH_KEEP=1 keeps the
 * database for a closer look. Uses TEST_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); the database is dropped at the end.
 */
import { randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createApiApp } from "../src/api/create-app.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { rebuildTaskCounters } from "../src/db/rebuild-task-counters.ts";
import * as schema from "../src/db/schema/index.ts";

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP_RUNS = 3;
const TARGET_MS = 50;
/** Block n is at unix time T0 + 2n; one task is queued every 15 blocks (30 s). */
const T0 = 1_700_000_000;
const NODES = 2000;
const SESSIONS = Math.max(1, Math.round(TASKS / 100));

const hex = (n: string, digits: number) => `'0x' || lpad(to_hex(${n}), ${digits}, '0')`;

/** Bulk data in SQL: every table the dashboard reads, consistent with the projection's rules. */
const SEED_SQL = [
  `insert into sessions (chain_id, session_id, contract_address, sid, owner, redundant, state,
     created_block, created_at, updated_block, min_num_of_nodes, max_num_of_nodes)
   select 1, s, ${hex("4096", 40)}, 'session-' || s, ${hex("s % 500 + 1", 40)}, 3,
     case when s % 10 = 0 then 'DEACTIVATED' else 'ACTIVE' end, s, ${T0} + 2 * s, s, 1, 3
   from generate_series(1, ${SESSIONS}) s`,
  // r (0-99) decides each assignment's fate: <3 no ack, <5 no precommit, <8 no commit, <10 dropped.
  `create temporary table seed_assignments as
   select i, k, 1000 + 15 * i as queued, (i * 7 + k * 613) % ${NODES} + 1 as node,
     (i * 31 + k * 17) % 100 as r, i > ${TASKS} * 0.995 as running
   from generate_series(1, ${TASKS}) i, generate_series(0, 2) k`,
  `insert into task_assignments (chain_id, session_id, task_id, miner, assigned_block, assigned_at,
     acked_block, acked_at, precommitted_block, precommitted_at, committed_block, committed_at,
     in_final_list, outcome, outcome_block)
   select 1, i % ${SESSIONS} + 1, i, ${hex("node", 40)}, queued + 1, ${T0} + 2 * (queued + 1),
     case when r >= 3 then queued + 2 + r % 4 end, case when r >= 3 then ${T0} + 2 * (queued + 2 + r % 4) end,
     case when r >= 5 then queued + 6 + r % 3 end, case when r >= 5 then ${T0} + 2 * (queued + 6 + r % 3) end,
     case when r >= 8 then queued + 9 + r % 5 end, case when r >= 8 then ${T0} + 2 * (queued + 9 + r % 5) end,
     case when not running then r >= 10 end,
     case when running then 'PENDING' when r < 3 then 'MISSED_ACK' when r < 5 then 'MISSED_PRECOMMIT'
       when r < 8 then 'MISSED_COMMIT' when r < 10 then 'DROPPED' else 'COMMITTED' end,
     case when not running then queued + 14 end
   from seed_assignments`,
  `insert into tasks (chain_id, session_id, task_id, global_id, status, miners, final_miners,
     ack_count, precommit_count, commit_count, queued_block, queued_at, assigned_block, assigned_at,
     acked_block, acked_at, precommitted_block, precommitted_at, committed_block, committed_at,
     ended_block, ended_at)
   select 1, min(session_id), task_id, task_id, case when max(outcome_block) is null then 'COMMITTED' else 'ENDED' end,
     jsonb_agg(miner), jsonb_agg(miner) filter (where in_final_list),
     count(acked_block), count(precommitted_block), count(committed_block),
     min(assigned_block) - 1, min(assigned_at) - 2, min(assigned_block), min(assigned_at),
     min(acked_block), min(acked_at), min(precommitted_block), min(precommitted_at),
     min(committed_block), min(committed_at), max(outcome_block), max(${T0} + 2 * outcome_block)
   from task_assignments group by task_id`,
  `insert into nodes (chain_id, address, node_id, pool_state, level, version, tasks_assigned,
     tasks_acked, tasks_precommitted, tasks_committed, tasks_ended, tasks_succeeded, missed_ack,
     missed_precommit, missed_commit, dropped, ack_latency_sum, precommit_latency_sum,
     commit_latency_sum, first_seen_block, last_seen_block, last_seen_at)
   select 1, miner, ${hex("abs(hashtext(miner))", 64)},
     case when abs(hashtext(miner)) % 10 = 0 then 'REMOVED' else 'ADDED' end, 1, '1.0.0', count(*),
     count(acked_block), count(precommitted_block), count(committed_block), count(outcome_block),
     count(*) filter (where outcome = 'COMMITTED'), count(*) filter (where outcome = 'MISSED_ACK'),
     count(*) filter (where outcome = 'MISSED_PRECOMMIT'), count(*) filter (where outcome = 'MISSED_COMMIT'),
     count(*) filter (where outcome = 'DROPPED'), coalesce(sum(acked_at - assigned_at), 0),
     coalesce(sum(precommitted_at - acked_at), 0), coalesce(sum(committed_at - precommitted_at), 0),
     min(assigned_block), max(coalesce(outcome_block, assigned_block)), ${T0} + 2 * max(coalesce(outcome_block, assigned_block))
   from task_assignments group by miner`,
  `insert into validations (chain_id, block_number, log_index, block_timestamp, validator_session_id,
     session_id, task_id, validator, miner, verdict, score)
   select 1, 1000 + 150 * v + 20, 0, ${T0} + 2 * (1000 + 150 * v + 20), 1, (10 * v) % ${SESSIONS} + 1,
     10 * v, ${hex("7", 40)}, ${hex(`(10 * v * 7) % ${NODES} + 1`, 40)},
     (array['VALID', 'VALID', 'VALID', 'INVALID', 'RETRY', 'NEEDS_SPEC'])[v % 6 + 1], 50
   from generate_series(1, ${Math.floor(TASKS / 10)}) v`,
  `insert into cognitive_rounds (chain_id, round_id, phase, precommit_count, commit_count, updated_block)
   select 1, c, case when c % 50 = 0 then 'COMMITTING' else 'ENDED' end, 3 + c % 3, 2 + c % 3, 1000 + 300 * c
   from generate_series(1, ${Math.floor(TASKS / 50)}) c`,
  `insert into block_hashes (chain_id, block_number, hash, timestamp)
   select 1, b, ${hex("b", 64)}, ${T0} + 2 * b from generate_series(1000, 1000 + 15 * ${TASKS} + 100, 100) b`,
  `insert into chain_checkpoints (chain_id, network, chain_name, start_block, last_indexed_block,
     last_indexed_hash, last_indexed_timestamp, head_block)
   select 1, 'bench', 'bench', 1000, max(block_number), max(hash), max(timestamp), max(block_number)
   from block_hashes`,
];

const TIP_BLOCK = 1000 + 15 * TASKS + 100 - ((15 * TASKS + 100) % 100);
const NOW = T0 + 2 * TIP_BLOCK;
const DAY = 86_400;
const BUSY_NODE = `0x${"1".padStart(40, "0")}`;

/** The dashboard's queries, by name. */
const QUERIES: Record<string, string> = {
  networkStats: `{ networkStats(chainId: 1) { sessions { total active } tasks { total byStatus { status count } } miners { total active } validations { total byVerdict { verdict count } } } }`,
  "taskTimeSeries HOUR 7d": `{ taskTimeSeries(chainId: 1, interval: HOUR, from: "${NOW - 7 * DAY}", to: "${NOW}") { buckets { start submitted ended } } }`,
  "taskTimeSeries DAY 90d": `{ taskTimeSeries(chainId: 1, interval: DAY, from: "${NOW - 90 * DAY}", to: "${NOW}") { buckets { start submitted ended } } }`,
  "taskLatency 24h": `{ taskLatency(chainId: 1, from: "${NOW - DAY}", to: "${NOW}") { ack { count p50 p95 avg } precommit { p50 p95 } commit { p50 p95 } endToEnd { count p50 p95 } } }`,
  "taskLatency 7d": `{ taskLatency(chainId: 1, from: "${NOW - 7 * DAY}", to: "${NOW}") { ack { count p50 p95 avg } precommit { p50 p95 } commit { p50 p95 } endToEnd { count p50 p95 } } }`,
  "nodeLeaderboard COMMITTED": `{ nodeLeaderboard(chainId: 1, first: 20) { rank score node { address version successRatio avgAckLatency } } }`,
  "nodeLeaderboard SUCCESS_RATIO": `{ nodeLeaderboard(chainId: 1, by: SUCCESS_RATIO, first: 20) { rank score node { address tasksEnded } } }`,
  cognitiveRoundStats: `{ cognitiveRoundStats(chainId: 1) { total byPhase { phase count } avgPrecommitCount avgCommitCount } }`,
  "oracleNodeSignals 7d": `{ oracleNodeSignals(chainId: 1, address: "${BUSY_NODE}", from: "${NOW - 7 * DAY}", to: "${NOW}") { atBlock block { hash } assignments successRatio missedDeadlines { ack precommit commit } latency { ack { p50 p95 } precommit { p50 p95 } commit { p50 p95 } } replicas { tasksEvaluated tasksUnderReplicated averageShortfall } } }`,
  "oracleSessionSignals 30d": `{ oracleSessionSignals(chainId: 1, sessionId: "7", from: "${NOW - 30 * DAY}", to: "${NOW}") { atBlock assignments successRatio latency { commit { p50 p95 } } replicas { tasksEvaluated averageShortfall } } }`,
  "latest 100 tasks with assignments": `{ tasks(where: { chainId: 1 }, orderBy: queuedBlock, orderDirection: desc, first: 100) { items { taskId status queuedAt assignments { items { miner status ackedAt committedAt node { address successRatio } result { result } } } } } }`,
  "top 50 nodes with last assignments": `{ nodes(where: { chainId: 1 }, orderBy: tasksCommitted, orderDirection: desc, first: 50) { items { address tasksCommitted successRatio assignments(first: 5, orderDirection: desc) { items { taskId status } } } totalCount } }`,
  "node assignments newest 50": `{ taskAssignments(where: { chainId: 1, miner: "${BUSY_NODE}" }, orderBy: assignedBlock, orderDirection: desc, first: 50) { items { taskId status assignedAt } totalCount } }`,
  "sessions with task counts": `{ sessions(where: { chainId: 1 }, orderBy: createdBlock, orderDirection: desc, first: 50) { items { sessionId taskCount tasks(first: 5, orderBy: taskId, orderDirection: desc) { items { taskId status } } } } }`,
  "invalid validations newest 50": `{ validations(where: { chainId: 1, verdict: "INVALID" }, orderBy: blockNumber, orderDirection: desc, first: 50) { items { taskId miner task { status } } } }`,
};

interface Timing {
  name: string;
  median: number;
  p95: number;
}

/** A Drizzle database on its own client that records the statements it sends. */
function recordingDatabase(url: string) {
  const statements: { query: string; params: unknown[] }[] = [];
  const client = postgres(url, {
    max: 4,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    debug: (_connection, query, params) => statements.push({ query, params: params as unknown[] }),
  });
  const db = drizzle({ client, schema }) as unknown as Database;
  return { client, db, statements };
}

async function runQuery(app: ReturnType<typeof createApiApp>, query: string): Promise<number> {
  const started = performance.now();
  const response = await app.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  const elapsed = performance.now() - started;
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return elapsed;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

async function measureAll(app: ReturnType<typeof createApiApp>): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const [name, query] of Object.entries(QUERIES)) {
    for (let run = 0; run < WARMUP_RUNS; run++) await runQuery(app, query);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await runQuery(app, query));
    times.sort((a, b) => a - b);
    timings.push({ name, median: percentile(times, 0.5), p95: percentile(times, 0.95) });
  }
  return timings;
}

function printTimings(title: string, timings: Timing[]) {
  console.log(`\n${title} (${RUNS} warm runs each, target < ${TARGET_MS} ms)`);
  console.log(`${"query".padEnd(38)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)}`);
  for (const { name, median, p95 } of timings) {
    const flag = p95 > TARGET_MS ? "  over target" : "";
    console.log(
      `${name.padEnd(38)} ${median.toFixed(1).padStart(10)} ${p95.toFixed(1).padStart(8)}${flag}`,
    );
  }
}

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)} …` : text;

/**
 * Runs the slowest query once more and EXPLAIN ANALYZEs each statement it sent: the time of each,
 * and the plan of the slowest statement.
 */
async function explainSlowest(recording: ReturnType<typeof recordingDatabase>, timings: Timing[]) {
  const slowest = [...timings].sort((a, b) => b.median - a.median)[0];
  if (!slowest) return;
  const app = createApiApp({ database: { db: recording.db } });
  const query = QUERIES[slowest.name] as string;
  await runQuery(app, query);
  recording.statements.length = 0;
  await runQuery(app, query);
  const plans: { sql: string; lines: string[]; ms: number }[] = [];
  for (const { query: sql, params } of [...recording.statements]) {
    const rows = await recording.client.unsafe(
      `explain (analyze, buffers) ${sql}`,
      params as never[],
    );
    const lines = rows.map((row) => String(row["QUERY PLAN"]));
    const ms = Number(lines.at(-1)?.match(/Execution Time: ([\d.]+)/)?.[1] ?? 0);
    plans.push({ sql, lines, ms });
  }
  plans.sort((a, b) => b.ms - a.ms);
  console.log(`\nSlowest query: ${slowest.name}; its statements by execution time:`);
  for (const plan of plans)
    console.log(`  ${plan.ms.toFixed(1).padStart(7)} ms  ${clip(plan.sql, 110)}`);
  const [worst] = plans;
  if (worst)
    console.log(
      `\n${clip(worst.sql, 600)}\n${worst.lines.map((line) => clip(line, 160)).join("\n")}`,
    );
}

async function main() {
  const name = `bench_dashboard_${randomBytes(4).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  // Before any connection opens: the setting applies to sessions started afterwards.
  if (process.env.BENCH_JIT === "off") await admin.unsafe(`alter database "${name}" set jit = off`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  const recording = recordingDatabase(url.toString());
  try {
    await handle.migrate();
    const seeder = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const started = performance.now();
    for (const statement of SEED_SQL) await seeder.unsafe(statement);
    // The projection keeps these counters; bulk-seeded rows need them computed once.
    await rebuildTaskCounters(handle.db);
    await seeder.unsafe("vacuum analyze");
    const counts = await seeder.unsafe(
      "select (select count(*) from tasks) as tasks, (select count(*) from task_assignments) as assignments, (select count(*) from nodes) as nodes, (select count(*) from sessions) as sessions",
    );
    console.log(
      `seeded ${JSON.stringify(counts[0])} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const app = createApiApp({ database: handle });
    const timings = await measureAll(app);
    printTimings("Dashboard queries", timings);
    await explainSlowest(recording, timings);
    await seeder.end();
  } finally {
    await recording.client.end({ timeout: 5 });
    await handle.close();
    if (process.env.BENCH_KEEP === "1") console.log(`\nkept database ${name}`);
    else await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

await main();
