import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../../src/chain/create-chain-client.ts";
import { type ChainConfig, loadNetwork } from "../../../src/config/load-network.ts";
import { readCheckpoint, recordIdleHead } from "../../../src/db/checkpoints.ts";
import type { DatabaseHandle } from "../../../src/db/client.ts";
import { rawLogs } from "../../../src/db/control-schema/index.ts";
import { eventCopyData, fromEventRow } from "../../../src/db/write-events.ts";
import { collectIndexerStatus } from "../../../src/status/collect-indexer-status.ts";
import { AdaptiveRange } from "../../../src/sync/adaptive-range.ts";
import { ChainSyncer } from "../../../src/sync/chain-syncer.ts";
import { StoreChainMismatchError } from "../../../src/sync/errors.ts";
import { clearChainStore } from "../../../src/sync/store/clear-chain-store.ts";
import { fetchIntoStore, storeContractOf } from "../../../src/sync/store/fetch-into-store.ts";
import { readStoredRange } from "../../../src/sync/store/read-stored-range.ts";
import {
  type FetchedSpan,
  lockChainStore,
  rawLogsIn,
  storeFetchedSpan,
} from "../../../src/sync/store/store-fetched-span.ts";
import { StoredFinalBlocks } from "../../../src/sync/store/stored-final-blocks.ts";
import { spawnCli } from "../../fixtures/cli-process.ts";
import { TestDatabases } from "../../fixtures/postgres.ts";
import { type SyntheticRpc, startSyntheticRpc } from "../../fixtures/synthetic-rpc.ts";
import { tableDigests } from "../../fixtures/table-digests.ts";
import { waitFor } from "../../fixtures/wait-for.ts";

const FINALITY = 5;

let rpc: SyntheticRpc;
let chain: ChainConfig;
const databases = new TestDatabases();
const handles: DatabaseHandle[] = [];

beforeAll(async () => {
  rpc = await startSyntheticRpc({ minEvents: 3_000, seed: 8 });
  const devnet = loadNetwork("devnet").chains[0] as ChainConfig;
  chain = {
    ...devnet,
    rpcUrls: [rpc.url],
    maxBlockRange: 300,
    finalityDepth: FINALITY,
    logCrossCheckRatio: 0,
  };
});

afterAll(async () => {
  for (const handle of handles) await handle.close();
  await databases.dropAll();
  await rpc.close();
});

async function newDatabase(name: string): Promise<DatabaseHandle> {
  return (await databases.create(name)).handle;
}

/** A phase schema beside `public` in the same database, as a reset creates. */
async function otherPhase(handle: DatabaseHandle, schema: string): Promise<DatabaseHandle> {
  const other = await handle.openSchema?.(schema);
  if (!other) throw new Error("a Postgres handle opens other schemas");
  handles.push(other);
  await other.migrate();
  return other;
}

/** Syncs `followed` into `db` until caught up with the head the RPC reports now. */
async function syncToHead(db: DatabaseHandle["db"], followed = chain): Promise<void> {
  const syncer = new ChainSyncer({
    network: "devnet",
    chain: followed,
    db,
    client: createChainClient(followed),
  });
  await syncer.prepare();
  for (;;) {
    await syncer.syncUntil(Date.now() + 30_000);
    const checkpoint = await readCheckpoint(db, followed.chainId);
    if (checkpoint?.lastIndexedBlock === BigInt(rpc.head)) return;
  }
}

/**
 * A phase's tables by name, as digests. Where batches ended (block hashes, the batch list)
 * depends on how the blocks were fetched, not on what they hold: left out.
 */
async function phaseDigests(handle: DatabaseHandle, schema: string) {
  const digests = await tableDigests(handle, { schemas: [schema], ignoreWallClock: true });
  return Object.fromEntries(
    [...digests]
      .map(([key, digest]) => [key.slice(schema.length + 1), digest])
      .filter(([name]) => name !== "block_hashes" && name !== "indexed_batches"),
  );
}

async function storeRows(handle: DatabaseHandle) {
  const sql = handle.postgres as NonNullable<DatabaseHandle["postgres"]>;
  const intervals = await sql<{ address: string; from: string; to: string }[]>`
    select address, from_block::text as from, to_block::text as to
    from cortensor.fetched_intervals order by address, from_block`;
  const [logs] = await sql<{ count: number; distinct: number }[]>`
    select count(*)::int as count,
      count(distinct (chain_id, block_number, log_index))::int as distinct
    from cortensor.raw_logs`;
  return { intervals, logs };
}

/** What fetchIntoStore needs to fetch `followed` into `db`. */
function fetchOptions(db: DatabaseHandle["db"], followed = chain) {
  return {
    db,
    chain: followed,
    client: createChainClient(followed),
    checkClient: createChainClient(followed),
    range: new AdaptiveRange(BigInt(followed.maxBlockRange)),
  };
}

/** The followed contracts' addresses, as fetch jobs name them. */
const storedAddresses = () =>
  chain.contracts.map((contract) => contract.address.toLowerCase()).sort();

/** Blocks 0 to about `end` as a fetch job hands them to the store, built from what it stores. */
async function storedSpan(handle: DatabaseHandle, end: number): Promise<FetchedSpan> {
  const contracts = chain.contracts.map(storeContractOf);
  const stored = await readStoredRange(handle.db, chain.chainId, contracts, 0n, BigInt(end), 1e9);
  if (!stored) throw new Error("the store holds the span");
  const rows = await handle.db
    .select()
    .from(rawLogs)
    .where(rawLogsIn(chain.chainId, { from: 0n, to: stored.to }));
  const logs = rows.map((row) =>
    fromEventRow({
      ...row,
      topics: JSON.parse(row.topics) as string[],
      args: row.args === null ? null : (JSON.parse(row.args) as Record<string, unknown>),
    }),
  );
  const { data, rows: logCount } = eventCopyData(logs);
  return { chainId: chain.chainId, ...stored, logCount, eventsCopy: data, contracts };
}

/** A span fetched into a fresh store and then forgotten by it, with one of its raw_logs rows. */
async function forgottenSpan(name: string) {
  const handle = await newDatabase(name);
  const end = Math.floor(rpc.chain.head / 2);
  await fetchIntoStore(fetchOptions(handle.db), {
    chainId: chain.chainId,
    from: "0",
    to: String(end),
    addresses: storedAddresses(),
  });
  const span = await storedSpan(handle, end);
  const [row] = await handle.db
    .select()
    .from(rawLogs)
    .where(rawLogsIn(chain.chainId, span))
    .limit(1);
  if (!row) throw new Error("the span has logs");
  await clearChainStore(handle.db, chain.chainId);
  return { handle, span, row, expected: rpc.chain.countLogs(0, Number(span.to)) };
}

/** Holds a transaction open in `work`'s state until `release` is called. */
function heldTransaction(
  handle: DatabaseHandle,
  work: (tx: DatabaseHandle["db"]) => Promise<unknown>,
) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let ready = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const done = handle.db.transaction(async (tx) => {
    await work(tx);
    ready();
    await released;
  });
  return { started, release, done };
}

/** Sessions of the test database waiting for a lock of `kind` (pg_stat_activity's wait_event). */
async function waitingFor(handle: DatabaseHandle, kind: "advisory" | "transactionid") {
  const sql = handle.postgres as NonNullable<DatabaseHandle["postgres"]>;
  return sql<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and wait_event = ${kind}`;
}

/** The store holds each of the span's `expected` logs once, and every contract up to its end. */
async function expectStoredOnce(handle: DatabaseHandle, span: FetchedSpan, expected: number) {
  const { logs, intervals } = await storeRows(handle);
  expect(logs).toEqual({ count: expected, distinct: expected });
  expect(intervals.map((interval) => interval.to)).toEqual(
    chain.contracts.map(() => String(span.to)),
  );
}

describe("the sync store", () => {
  it("keeps each log once and merges intervals when spans are fetched twice or overlap", async () => {
    const handle = await newDatabase("store-writes");
    const options = fetchOptions(handle.db);
    const addresses = storedAddresses();
    const job = (from: number, to: number) => ({
      chainId: chain.chainId,
      from: String(from),
      to: String(to),
      addresses,
    });
    const { head } = rpc.chain;
    const end = Math.floor((head * 3) / 4);
    await fetchIntoStore(options, job(0, Math.floor(head / 2)));
    await fetchIntoStore(options, job(Math.floor(head / 4), end));
    // A job whose span is stored already asks nothing.
    const calls = rpc.stats.calls.eth_getLogs;
    await fetchIntoStore(options, job(0, Math.floor(head / 2)));
    expect(rpc.stats.calls.eth_getLogs).toBe(calls);
    // Two writers that fetched the same span: the second stores nothing new.
    await storeFetchedSpan(handle.db, await storedSpan(handle, end));

    // The status tells how far the store reaches ahead of the (untouched) checkpoint.
    const syncer = new ChainSyncer({
      network: "devnet",
      chain,
      db: handle.db,
      client: options.client,
    });
    await syncer.prepare();
    await recordIdleHead(handle.db, chain.chainId, BigInt(head));
    const network = { ...loadNetwork("devnet"), chains: [chain] };
    const status = await collectIndexerStatus({ network, db: handle.db });
    expect(status.chains[0]?.indexing?.fetchedThroughBlock).toBe(String(end));

    const { intervals, logs } = await storeRows(handle);
    const expected = rpc.chain.countLogs(0, end);
    expect(expected).toBeGreaterThan(1_000);
    expect(logs).toEqual({ count: expected, distinct: expected });
    expect(intervals).toEqual(
      chain.contracts
        .map((contract) => ({
          address: contract.address.toLowerCase(),
          from: String(contract.startBlock),
          to: String(end),
        }))
        .sort((a, b) => a.address.localeCompare(b.address)),
    );
  });

  it("copies a span's logs while another writer holds the chain's store lock: only the interval merge waits", async () => {
    const { handle, span, expected } = await forgottenSpan("store-lock");
    const holder = heldTransaction(handle, (tx) => lockChainStore(tx, chain.chainId));
    await holder.started;
    const storing = storeFetchedSpan(handle.db, span);
    const [waiter] = await waitFor("the span's writer to wait for the store lock", async () => {
      const waiting = await waitingFor(handle, "advisory");
      return waiting.length > 0 && waiting;
    });
    // It waits having written raw_logs already: it holds the table's write lock.
    const sql = handle.postgres as NonNullable<DatabaseHandle["postgres"]>;
    const held = await sql<{ mode: string }[]>`
      select mode from pg_locks
      where pid = ${waiter?.pid ?? 0} and relation = 'cortensor.raw_logs'::regclass and granted`;
    expect(held.map((lock) => lock.mode)).toContain("RowExclusiveLock");
    holder.release();
    await Promise.all([holder.done, storing]);
    await expectStoredOnce(handle, span, expected);
  });

  it("stores a span once when another writer stores some of its logs at the same time", async () => {
    const { handle, span, row, expected } = await forgottenSpan("store-race");
    const other = heldTransaction(handle, (tx) => tx.insert(rawLogs).values(row));
    await other.started;
    const storing = storeFetchedSpan(handle.db, span);
    // The span's COPY reaches the other writer's uncommitted row and waits for its outcome.
    await waitFor("the span's COPY to wait for the other writer", async () => {
      const waiting = await waitingFor(handle, "transactionid");
      return waiting.length > 0;
    });
    other.release();
    await Promise.all([other.done, storing]);
    await expectStoredOnce(handle, span, expected);
  });

  it("reads every stored log once, in ranges ending at stored headers, whatever its first window", async () => {
    const handle = await newDatabase("store-windows");
    const end = rpc.chain.head;
    // Sixty spans of ~50 logs: a range can end at the last block of each (the store holds those
    // headers). A range of 150 logs ends before the span where its 151st log is; a range of 20
    // ends with the span where its 21st log is, whose rest is then read too.
    const span = Math.ceil((end + 1) / 60);
    for (let from = 0; from <= end; from += span) {
      await fetchIntoStore(fetchOptions(handle.db), {
        chainId: chain.chainId,
        from: String(from),
        to: String(Math.min(end, from + span - 1)),
        addresses: storedAddresses(),
      });
    }
    const contracts = chain.contracts.map(storeContractOf);
    const keysOf = (logs: readonly { blockNumber: bigint; logIndex: number }[]) =>
      logs.map((log) => `${log.blockNumber}:${log.logIndex}`);
    const storedKeys = async (from: bigint, to: bigint) =>
      keysOf(
        await handle.db
          .select({ blockNumber: rawLogs.blockNumber, logIndex: rawLogs.logIndex })
          .from(rawLogs)
          .where(rawLogsIn(chain.chainId, { from, to }))
          .orderBy(rawLogs.blockNumber, rawLogs.logIndex),
      );
    for (const maxLogs of [20, 150]) {
      for (const window of [1n, 3n, 50n, BigInt(end) + 1n]) {
        let ranges = 0;
        for (let from = 0n; from <= BigInt(end); ranges++) {
          const range = await readStoredRange(
            handle.db,
            chain.chainId,
            contracts,
            from,
            BigInt(end),
            maxLogs,
            window,
          );
          if (!range) throw new Error(`the store holds block ${from}`);
          expect(range.from).toBe(from);
          expect((range.to + 1n) % BigInt(span) === 0n || range.to === BigInt(end)).toBe(true);
          expect(keysOf(range.logs)).toEqual(await storedKeys(range.from, range.to));
          from = range.to + 1n;
        }
        expect(ranges).toBeGreaterThanOrEqual(maxLogs === 20 ? 40 : 15);
      }
    }
  });

  it("serves a second phase the final blocks without the RPC, the near-head ones included once final", async () => {
    const handle = await newDatabase("store-phases");
    const head = rpc.chain.head;
    // The first phase follows the chain while its head moves: the blocks above the final one
    // are indexed one by one, and copied into the store once they become final.
    rpc.head = head - 20;
    await syncToHead(handle.db);
    rpc.head = head;
    await syncToHead(handle.db);

    const { intervals } = await storeRows(handle);
    // One interval per contract, without a gap, up to the final block.
    expect(intervals.map((interval) => interval.to)).toEqual(
      intervals.map(() => String(head - FINALITY)),
    );

    const before = rpc.stats.calls.eth_getLogs ?? 0;
    const second = await otherPhase(handle, "phase_two");
    await syncToHead(second.db);
    // Only the blocks above the final one are fetched again, each by its hash.
    expect((rpc.stats.calls.eth_getLogs ?? 0) - before).toBeLessThanOrEqual(FINALITY);
    expect(await phaseDigests(second, "phase_two")).toEqual(await phaseDigests(handle, "public"));
  });

  it("fetches for a new phase only the contracts the store lacks", async () => {
    const handle = await newDatabase("store-contracts");
    const allFinal: ChainConfig = { ...chain, finalityDepth: 0 };
    const head = rpc.chain.head;
    const logsOf = (address: string) =>
      rpc.chain.countLogs(0, head, new Set([address.toLowerCase()]));
    // The contract with the most logs joins in the second phase.
    const [added, ...others] = [...allFinal.contracts].sort(
      (a, b) => logsOf(b.address) - logsOf(a.address),
    );
    if (!added) throw new Error("the devnet chain has contracts");
    expect(logsOf(added.address)).toBeGreaterThan(0);
    await syncToHead(handle.db, { ...allFinal, contracts: others });

    const served = rpc.stats.logsServed;
    const second = await otherPhase(handle, "phase_more");
    await syncToHead(second.db, allFinal);
    expect(rpc.stats.logsServed - served).toBe(logsOf(added.address));
    const [events] = await second.rows<{ count: number }>(
      sql`select count(*)::int as count from events`,
    );
    expect(events?.count).toBe(rpc.chain.countLogs(0, head));
  });

  it("stops the read-ahead's polling when its owner drops it", async () => {
    const handle = await newDatabase("store-read-ahead");
    const options = fetchOptions(handle.db);
    const addresses = storedAddresses();
    const stored = Math.floor(rpc.chain.head / 2);
    await fetchIntoStore(options, {
      chainId: chain.chainId,
      from: "0",
      to: String(stored),
      addresses,
    });
    // A queue that takes the jobs and never runs them: the store stays as it is, and every plan
    // the read-ahead makes while it polls shows here.
    const plans: number[] = [];
    const reader = new StoredFinalBlocks({
      ...options,
      fetchQueue: { enqueue: async (jobs) => void plans.push(jobs.length) },
    });
    const head = BigInt(rpc.chain.head);
    let from = 0n;
    for (;;) {
      const range = await reader.next(from, head, 1e9, Date.now() + 20_000);
      if (!range) throw new Error("the stored blocks are read");
      from = range.to + 1n;
      if (range.to >= BigInt(stored)) break;
    }
    await sleep(700);
    expect(plans.length).toBeGreaterThan(0);
    reader.dropReadAhead();
    await sleep(100);
    const planned = plans.length;
    await sleep(700);
    expect(plans.length).toBe(planned);
  });

  it("projects nothing from a store filled from another chain with the same id, until the operator clears it", async () => {
    const database = await databases.create("store-other-chain");
    const { handle } = database;
    const other = await startSyntheticRpc({ minEvents: 3_000, seed: 9 });
    try {
      const otherChain: ChainConfig = { ...chain, rpcUrls: [other.url], finalityDepth: 0 };
      const addresses = storedAddresses();
      const end = Math.min(other.chain.head, rpc.chain.head);
      await fetchIntoStore(fetchOptions(handle.db, otherChain), {
        chainId: chain.chainId,
        from: "0",
        to: String(end),
        addresses,
      });

      const syncer = new ChainSyncer({
        network: "devnet",
        chain: { ...chain, finalityDepth: 0 },
        db: handle.db,
        client: createChainClient(chain),
      });
      await syncer.prepare();
      const before = await readCheckpoint(handle.db, chain.chainId);
      await expect(syncer.syncUntil(Date.now() + 10_000)).rejects.toBeInstanceOf(
        StoreChainMismatchError,
      );
      expect(await readCheckpoint(handle.db, chain.chainId)).toEqual(before);
      const [events] = await handle.rows<{ count: number }>(
        sql`select count(*)::int as count from events`,
      );
      expect(events?.count).toBe(0);

      const clear = spawnCli(["store", "clear", "--chain", String(chain.chainId)], {
        DATABASE_URL: database.url,
      });
      const [exitCode] = await once(clear.child, "exit");
      expect(exitCode, clear.output()).toBe(0);
      const cleared = JSON.parse(clear.output().trim().split("\n").at(-1) ?? "{}");
      expect(cleared).toMatchObject({ chainId: chain.chainId, intervals: addresses.length });
      expect(cleared.logs).toBe(other.chain.countLogs(0, end));

      await syncToHead(handle.db, { ...chain, finalityDepth: 0 });
      const [indexed] = await handle.rows<{ count: number }>(
        sql`select count(*)::int as count from events`,
      );
      expect(indexed?.count).toBe(rpc.chain.countLogs(0, rpc.head));
    } finally {
      await other.close();
    }
  });
});
