import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import { type ChainConfig, loadNetwork } from "../../src/config/load-network.ts";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { tryLeaseChain } from "../../src/sync/chain-lease.ts";
import { ChainSyncer } from "../../src/sync/chain-syncer.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { SyntheticChain } from "../fixtures/synthetic-chain.ts";
import {
  type SyntheticRpc,
  type SyntheticRpcOptions,
  startSyntheticRpc,
} from "../fixtures/synthetic-rpc.ts";

const CHAIN = { minEvents: 4_000, seed: 5 };

/**
 * Every domain table's rows in order, as text: two indexes are equal when these are (block_hashes
 * aside: it also records where each range ended, which differs with the ranges).
 */
const TABLES = [
  "events",
  "sessions",
  "tasks",
  "task_assignments",
  "task_result_fetches",
  "nodes",
  "node_pool_events",
  "node_reputation_records",
  "node_stats",
  "cognitive_rounds",
  "cognitive_round_miners",
  "validations",
  "session_node_changes",
  "routers",
  // Counters keep a zero row for a status a batch left behind: only where they count matters.
  "task_status_counts where count <> 0",
  "task_hourly_counts where queued <> 0 or ended <> 0",
];

async function tableDigests(handle: DatabaseHandle): Promise<Record<string, string>> {
  const sql = handle.postgres as NonNullable<DatabaseHandle["postgres"]>;
  const digests: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await sql.unsafe(
      `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${table.replace(/^(\w+)/, "$1 t")}`,
    );
    digests[table] = String(row?.digest);
  }
  return digests;
}

/** Indexes the synthetic chain served with `options` into a new database, to the head. */
async function indexSynthetic(options: Partial<SyntheticRpcOptions>) {
  const rpc = await startSyntheticRpc({ ...CHAIN, ...options });
  const database = await createTestDatabase("synthetic");
  const devnet = loadNetwork("devnet").chains[0] as ChainConfig;
  const chain: ChainConfig = { ...devnet, rpcUrls: [rpc.url], maxBlockRange: 400 };
  const syncer = new ChainSyncer({
    network: "devnet",
    chain,
    db: database.handle.db,
    client: createChainClient(chain),
  });
  await syncer.prepare();
  while ((await syncer.syncUntil(Date.now() + 60_000))?.caughtUp === false) {}
  return { rpc, database };
}

describe("synthetic chain", () => {
  it("is the same chain for the same seed, whatever the ranges asked", () => {
    const a = new SyntheticChain(CHAIN);
    const b = new SyntheticChain(CHAIN);
    expect(a.totals).toEqual(b.totals);
    const whole = a.logs(0, a.head);
    const pieces = [...b.logs(0, 99), ...b.logs(100, 1000), ...b.logs(1001, b.head)];
    expect(pieces).toEqual(whole);
    expect(whole).toHaveLength(a.totals.events);
    expect(new SyntheticChain({ ...CHAIN, seed: 6 }).logs(0, 50)).not.toEqual(a.logs(0, 50));
  });

  it("emits only logs the indexer decodes, each event of the task lifecycle among them", () => {
    const chain = new SyntheticChain(CHAIN);
    const names = new Set<string>();
    for (const decoded of chain.decodedLogs(0, chain.head)) {
      expect(decoded.eventName, `${decoded.blockNumber}:${decoded.logIndex}`).not.toBeNull();
      names.add(`${decoded.contractKind}.${decoded.eventName}`);
    }
    for (const name of [
      "SessionV2.SessionCreated",
      "SessionV2.TaskSubmitted",
      "SessionQueueV2.TaskQueued",
      "SessionQueueV2.TaskAssigned",
      "SessionQueueV2.TaskAcked",
      "SessionQueueV2.TaskPrecommitted",
      "SessionQueueV2.TaskCommitted",
      "SessionQueueV2.TaskEnded",
      "NodePool.NodeReserved",
      "NodeReputation.StateRecorded",
      "CognitiveV1.SessionEnded",
      "SessionQueueValidation.TaskValidated",
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe("synthetic JSON-RPC node", () => {
  let rpc: SyntheticRpc;
  const call = async (body: unknown) => {
    const response = await fetch(rpc.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json() as Promise<Record<string, unknown> | Record<string, unknown>[]>;
  };

  beforeAll(async () => {
    rpc = await startSyntheticRpc(CHAIN);
  });
  afterAll(() => rpc.close());

  it("answers batches, with logs filtered by address and range and linked headers", async () => {
    const queue = rpc.chain.addresses.SessionQueueV2;
    const answers = (await call([
      { jsonrpc: "2.0", id: 1, method: "eth_chainId" },
      { jsonrpc: "2.0", id: 2, method: "eth_blockNumber" },
      {
        jsonrpc: "2.0",
        id: 3,
        method: "eth_getLogs",
        params: [{ address: [queue], fromBlock: "0x1", toBlock: "0x40" }],
      },
      { jsonrpc: "2.0", id: 4, method: "eth_getBlockByNumber", params: ["0x40", false] },
      { jsonrpc: "2.0", id: 5, method: "eth_getBlockByNumber", params: ["0x3f", false] },
      { jsonrpc: "2.0", id: 6, method: "eth_mining" },
    ])) as { id: number; result?: unknown; error?: { code: number } }[];
    expect(answers.map((answer) => answer.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(answers[0]?.result).toBe("0x7a69");
    expect(answers[1]?.result).toBe(`0x${rpc.chain.head.toString(16)}`);
    const logs = answers[2]?.result as {
      address: string;
      blockNumber: string;
      blockTimestamp: string;
    }[];
    const expected = rpc.chain.logs(1, 64, new Set([queue]));
    expect(logs).toHaveLength(expected.length);
    expect(logs.every((log) => log.address === queue)).toBe(true);
    expect(logs[0]?.blockTimestamp).toBe(`0x${expected[0]?.blockTimestamp.toString(16)}`);
    const header = answers[3]?.result as { hash: string; parentHash: string; timestamp: string };
    const parent = answers[4]?.result as { hash: string } | undefined;
    expect(header.parentHash).toBe(parent?.hash);
    expect(answers[5]?.error?.code).toBe(-32601);
  });

  it("hides blocks above the head it is told, and refuses answers over its log cap", async () => {
    rpc.head = 10;
    const logs = (await call({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getLogs",
      params: [{ fromBlock: "0x0", toBlock: "0x100" }],
    })) as { result: { blockNumber: string }[] };
    expect(logs.result.length).toBeGreaterThan(0);
    expect(logs.result.every((log) => Number(log.blockNumber) <= 10)).toBe(true);
    rpc.head = rpc.chain.head;
    const capped = await startSyntheticRpc({ ...CHAIN, maxLogsPerResponse: 10 });
    const refused = await fetch(capped.url, {
      method: "POST",
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getLogs", params: [{}] }),
    });
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /more than 10 results/,
    );
    await capped.close();
  });
});

describe("backfill from the synthetic node", () => {
  const runs: { rpc: SyntheticRpc; database: TestDatabase }[] = [];

  afterAll(async () => {
    for (const { rpc, database } of runs) {
      await rpc.close();
      await database.drop();
    }
  });

  it("indexes every event, session, task and assignment the chain holds", async () => {
    const run = await indexSynthetic({});
    runs.push(run);
    const { handle } = run.database;
    const sql = handle.postgres as NonNullable<DatabaseHandle["postgres"]>;
    const [counts] = await sql`
      select (select count(*) from events)::int as events,
        (select count(*) from events where event_name is null)::int as undecoded,
        (select count(*) from sessions)::int as sessions,
        (select count(*) from tasks)::int as tasks,
        (select count(*) from task_assignments)::int as assignments,
        (select count(*) from nodes)::int as nodes,
        (select count(*) from cognitive_rounds)::int as "cognitiveRounds",
        (select count(*) from validations)::int as validations`;
    const { totals } = run.rpc.chain;
    expect(counts).toEqual({ ...totals, undecoded: 0 });
    const checkpoint = await readCheckpoint(handle.db, 31337);
    expect(checkpoint?.lastIndexedBlock).toBe(BigInt(run.rpc.chain.head));
    expect(checkpoint?.lastIndexedHash).toBe(run.rpc.chain.blockHash(run.rpc.chain.head));
  });

  it("gives the same rows from a node without log timestamps that refuses large answers", async () => {
    const run = await indexSynthetic({ logTimestamps: false, maxLogsPerResponse: 300 });
    runs.push(run);
    expect(run.rpc.stats.calls.eth_getBlockByNumber).toBeGreaterThan(rpcCalls(runs[0]));
    expect(await tableDigests(run.database.handle)).toEqual(
      await tableDigests((runs[0] as { database: TestDatabase }).database.handle),
    );
  });

  it("leases a chain to one process at a time", async () => {
    const { database } = runs[0] as { database: TestDatabase };
    const other = await database.handle.openSchema?.("public", 2);
    if (!other) throw new Error("a Postgres handle opens other handles");
    const first = await tryLeaseChain(database.handle.db, 31337);
    expect(first).not.toBeNull();
    expect(await tryLeaseChain(other.db, 31337)).toBeNull();
    const otherChain = await tryLeaseChain(other.db, 31338);
    expect(otherChain).not.toBeNull();
    await first?.release();
    const second = await tryLeaseChain(other.db, 31337);
    expect(second).not.toBeNull();
    await second?.release();
    await otherChain?.release();
    await other.close();
  });
});

function rpcCalls(run: { rpc: SyntheticRpc } | undefined): number {
  return run?.rpc.stats.calls.eth_getBlockByNumber ?? 0;
}
