/**
 * How long a phase reset takes as the archived phase grows: it flips status flags and creates the
 * new phase's empty tables, so 10k and 1M archived events should cost about the same.
 *
 *   npm run bench:reset            (BENCH_POSTGRES_URL overrides the server)
 *
 * Prints a table and one JSON line: {"archivedEvents":[…],"resetMs":[…],"ratio":…}.
 */
import pino from "pino";
import { loadNetwork } from "../src/config/load-network.ts";
import { openDatabase } from "../src/db/client.ts";
import { ensureInitialPhase } from "../src/phase/phase-store.ts";
import { performReset } from "../src/reset/perform-reset.ts";
import { createScratchDatabase, seedWithSql } from "./scratch-database.ts";

const SIZES = [10_000, 1_000_000];
const RUNS = 5;

/** `count` synthetic events and one task per 4 events in the first phase's tables. */
const seedSql = (count: number) => [
  `insert into events (chain_id, block_number, log_index, block_hash, block_timestamp, tx_hash,
     tx_index, contract_address, contract_kind, event_name, abi, topic0, topics, data, args)
   select 31337, i / 10, i % 10, '0x' || md5(i::text) || md5(i::text), 1700000000 + i,
     '0x' || md5((i + 1)::text) || md5(i::text), 0, '0x5fbdb2315678afecb367f032d93f642f64180aa3',
     'SessionV2', 'TaskCreated', 'gen3', '0x' || md5('topic'), '[]'::jsonb, '0x',
     jsonb_build_object('sessionId', (i / 100)::text, 'taskId', i::text)
   from generate_series(1, ${count}) as i`,
  `insert into tasks (chain_id, session_id, task_id, status, queued_block, ended_block)
   select 31337, i / 100, i, 'ENDED', i / 2, i / 2 + 5
   from generate_series(1, ${count / 4}) as i`,
];

async function measure(events: number): Promise<number> {
  const scratch = await createScratchDatabase("bench_reset");
  const database = await openDatabase({ databaseUrl: scratch.url, maxConnections: 4 });
  try {
    await database.migrate();
    await ensureInitialPhase(database.db, "bench-a", loadNetwork("devnet"));
    await seedWithSql(scratch.url, seedSql(events));
    const context = { database, logger: pino({ level: "silent" }) };
    const started = performance.now();
    const { reset } = await performReset(context, {
      phase: "bench-b",
      network: "devnet",
      requestedBy: "bench",
    });
    const elapsed = performance.now() - started;
    if (reset.state !== "completed") throw new Error(`reset ended ${reset.state}: ${reset.error}`);
    return elapsed;
  } finally {
    await database.close();
    await scratch.drop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const results: number[] = [];
for (const size of SIZES) {
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) runs.push(await measure(size));
  results.push(median(runs));
  console.log(
    `archived phase of ${size.toLocaleString("en")} events: reset ${median(runs).toFixed(0)} ms (median of ${RUNS}; runs ${runs.map((ms) => ms.toFixed(0)).join(", ")})`,
  );
}
const ratio = (results[1] ?? Number.NaN) / (results[0] ?? Number.NaN);
console.log(`ratio 1M / 10k: ${ratio.toFixed(2)} (acceptance: < 2)`);
console.log(JSON.stringify({ archivedEvents: SIZES, resetMs: results.map(Math.round), ratio }));
