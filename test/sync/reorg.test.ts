import { count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import { InvalidRpcResponseError } from "../../src/chain/errors.ts";
import type { ChainConfig } from "../../src/config/load-network.ts";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { blockHashes, tasks, undoJournal } from "../../src/db/schema/index.ts";
import { ChainSyncer } from "../../src/sync/chain-syncer.ts";
import { ReorgBeyondFinalityError } from "../../src/sync/errors.ts";
import { ChainForks } from "../fixtures/chain-forks.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { startFaultProxy } from "../fixtures/fault-proxy.ts";
import { TestDatabases } from "../fixtures/postgres.ts";
import { tableDigests } from "../fixtures/table-digests.ts";

const FINALITY = 10;
/** Bookkeeping that depends on how the blocks were batched, not on what the chain says. */
const BOOKKEEPING = ["chain_checkpoints", "block_hashes", "indexed_batches", "undo_journal"];

/**
 * Indexes the chain to its head with `syncer`, calling it again after a failed call as the job
 * runner would. Returns the errors it got past.
 */
async function indexToHead(syncer: ChainSyncer, chain: ChainConfig, handle: DatabaseHandle) {
  const client = createChainClient(chain);
  const errors: unknown[] = [];
  for (let round = 0; round < 50; round++) {
    try {
      await syncer.syncUntil(Date.now() + 20_000);
    } catch (error) {
      errors.push(error);
      continue;
    }
    const checkpoint = await readCheckpoint(handle.db, chain.chainId);
    const head = await client.getBlockNumber({ cacheTime: 0 });
    if (checkpoint && checkpoint.lastIndexedBlock >= head) return errors;
  }
  throw new Error(`chain ${chain.chainId} was not indexed to its head: ${errors.join("; ")}`);
}

async function domainDigests(handle: DatabaseHandle) {
  const digests = await tableDigests(handle, {
    schemas: [handle.schemaName],
    ignoreWallClock: true,
  });
  for (const table of BOOKKEEPING) digests.delete(`${handle.schemaName}.${table}`);
  return Object.fromEntries(digests);
}

const forkTasks = (handle: DatabaseHandle, label: string) =>
  handle.db
    .select({ n: count() })
    .from(tasks)
    .where(like(tasks.taskData, `${label}-task-%`))
    .then(([row]) => row?.n ?? 0);

/**
 * Reorgs on a real anvil chain (snapshot, revert, mine a longer competing fork) while the indexer
 * follows it with a finality depth of 10 blocks: after a reorg of 1, 5 or 9 blocks the index
 * equals a fresh index of the canonical chain, and a reorg reaching a final block changes nothing
 * and stops the chain.
 */
describe("reorgs above the final block", () => {
  let devnet: TestDevnet;
  let chain: ChainConfig;
  let forks: ChainForks;
  const databases = new TestDatabases();

  const newSyncer = async (label: string, followed = chain) => {
    const database = await databases.create(label);
    const client = createChainClient(followed);
    const syncer = new ChainSyncer({
      network: "devnet",
      chain: followed,
      db: database.handle.db,
      client,
    });
    await syncer.prepare();
    return { database, syncer };
  };

  beforeAll(async () => {
    devnet = await startTestDevnet({ rounds: 1, sessionsPerRound: 2, tasksPerSession: 2 });
    await devnet.simulate();
    const [first] = devnet.devnet.chains;
    if (!first) throw new Error("devnet has no chain");
    chain = {
      ...(devnet.network.chains.find((c) => c.chainId === first.chainId) as ChainConfig),
      finalityDepth: FINALITY,
    };
    forks = await ChainForks.prepare(first.client, first.deployment.addresses);
    // Enough blocks on top that the base of every fork is final.
    await first.client.mine({ blocks: FINALITY + 2 });
  });

  afterAll(async () => {
    await databases.dropAll();
    await devnet?.stop();
  });

  it.each([1, 5, FINALITY - 1])(
    "rolls back a reorg %i block(s) deep to the canonical chain",
    async (depth) => {
      const { database, syncer } = await newSyncer(`reorg${depth}`);
      const { handle } = database;
      await forks.snapshot();
      await forks.mine(`a${depth}`, depth);
      expect(await indexToHead(syncer, chain, handle)).toEqual([]);
      expect(await forkTasks(handle, `a${depth}`)).toBe(depth);
      const [journal] = await handle.db
        .select({ n: count() })
        .from(undoJournal)
        .where(eq(undoJournal.chainId, chain.chainId));
      expect(journal?.n).toBeGreaterThan(0);

      await forks.revert();
      await forks.mine(`b${depth}`, depth + 1);
      expect(await indexToHead(syncer, chain, handle)).toEqual([]);
      expect(await forkTasks(handle, `a${depth}`)).toBe(0);
      expect(await forkTasks(handle, `b${depth}`)).toBe(depth + 1);

      const fresh = await newSyncer(`fresh${depth}`);
      await indexToHead(fresh.syncer, chain, fresh.database.handle);
      expect(await domainDigests(handle)).toEqual(await domainDigests(fresh.database.handle));

      // No hash of an orphaned block survives.
      const client = createChainClient(chain);
      const recorded = await handle.db
        .select()
        .from(blockHashes)
        .where(eq(blockHashes.chainId, chain.chainId));
      const canonical = await Promise.all(
        recorded.map((row) => client.getBlock({ blockNumber: row.blockNumber })),
      );
      expect(recorded.map((row) => row.hash)).toEqual(canonical.map((block) => block.hash));
    },
  );

  it("rolls back a reorg that lands while the index hands over from backfill to realtime", async () => {
    await forks.snapshot();
    await forks.mine("handover-a", 5);
    // The reorg happens right after the first realtime headers were read: the by-hash log
    // queries that follow are answered by the new fork.
    let reorged = false;
    const proxy = await startFaultProxy(
      chain.rpcUrls[0] as string,
      {},
      {
        beforeForward: async (body) => {
          if (reorged || !body.includes('"blockHash"')) return;
          reorged = true;
          await forks.revert();
          await forks.mine("handover-b", 6);
        },
      },
    );
    try {
      const proxied = { ...chain, rpcUrls: [proxy.url] };
      const { database, syncer } = await newSyncer("handover", proxied);
      const { handle } = database;
      await indexToHead(syncer, proxied, handle);
      expect(reorged).toBe(true);
      expect(await forkTasks(handle, "handover-a")).toBe(0);
      expect(await forkTasks(handle, "handover-b")).toBe(6);

      const fresh = await newSyncer("freshhandover");
      await indexToHead(fresh.syncer, chain, fresh.database.handle);
      expect(await domainDigests(handle)).toEqual(await domainDigests(fresh.database.handle));
    } finally {
      await proxy.close();
    }
  });

  it("waits, changing nothing, while the provider lacks the indexed tip, then rolls back", async () => {
    const { database, syncer } = await newSyncer("shorter");
    const { handle } = database;
    await forks.snapshot();
    await forks.mine("shorter-a", 3);
    await indexToHead(syncer, chain, handle);
    const before = await tableDigests(handle, { schemas: [handle.schemaName] });

    // The new fork is shorter at first: to the indexer, a provider that is behind.
    await forks.revert();
    await expect(syncer.syncUntil(Date.now() + 20_000)).rejects.toBeInstanceOf(
      InvalidRpcResponseError,
    );
    expect(await tableDigests(handle, { schemas: [handle.schemaName] })).toEqual(before);

    await forks.mine("shorter-b", 5);
    expect(await indexToHead(syncer, chain, handle)).toEqual([]);
    expect(await forkTasks(handle, "shorter-a")).toBe(0);
    expect(await forkTasks(handle, "shorter-b")).toBe(5);
  });

  it("stops the chain and changes nothing when a reorg reaches a final block", async () => {
    const { database, syncer } = await newSyncer("deep");
    const { handle } = database;
    await forks.snapshot();
    await forks.mine("deep-a", FINALITY + 2);
    await indexToHead(syncer, chain, handle);
    const before = await tableDigests(handle, { schemas: [handle.schemaName] });
    const checkpoint = await readCheckpoint(handle.db, chain.chainId);

    await forks.revert();
    await forks.mine("deep-b", FINALITY + 4);
    await expect(syncer.syncUntil(Date.now() + 20_000)).rejects.toBeInstanceOf(
      ReorgBeyondFinalityError,
    );
    expect(await tableDigests(handle, { schemas: [handle.schemaName] })).toEqual(before);
    expect(await readCheckpoint(handle.db, chain.chainId)).toEqual(checkpoint);
  });
});
