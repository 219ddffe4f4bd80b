import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import { type ChainConfig, loadNetwork } from "../../src/config/load-network.ts";
import { advanceCheckpoint, ensureCheckpoint } from "../../src/db/checkpoints.ts";
import { openDatabase } from "../../src/db/client.ts";
import { DEFERRABLE_INDEXES, deferIndexes } from "../../src/db/deferred-indexes.ts";
import { ensureInitialPhase } from "../../src/phase/phase-store.ts";
import { performReset } from "../../src/reset/perform-reset.ts";
import { ChainSyncer } from "../../src/sync/chain-syncer.ts";
import { fitIndexesToBackfill } from "../../src/sync/fit-indexes-to-backfill.ts";
import { deferrableIndexDefinitions } from "../fixtures/index-definitions.ts";
import { TestDatabases } from "../fixtures/postgres.ts";
import { type SyntheticRpc, startSyntheticRpc } from "../fixtures/synthetic-rpc.ts";

const databases = new TestDatabases();
let rpc: SyntheticRpc;

beforeAll(async () => {
  rpc = await startSyntheticRpc({ minEvents: 15_000, seed: 11 });
});
afterAll(async () => {
  await rpc?.close();
  await databases.dropAll();
});

const BACKFILL_BLOCKS = 100n;
const ALL = [...DEFERRABLE_INDEXES].sort();

describe("indexes during a first backfill", () => {
  it("are dropped while the chain is far behind and built again before it counts as caught up", async () => {
    const database = await databases.create("fit_indexes");
    const { db } = database.handle;
    const original = await deferrableIndexDefinitions(database.handle);
    const devnet = loadNetwork("devnet").chains[0] as ChainConfig;
    const chain: ChainConfig = { ...devnet, rpcUrls: [rpc.url], maxBlockRange: 50 };
    expect(BigInt(rpc.chain.head)).toBeGreaterThan(3n * BACKFILL_BLOCKS);
    const steps: string[] = [];
    const syncer = new ChainSyncer({
      network: "devnet",
      chain,
      db,
      client: createChainClient(chain),
      backfillBlocks: BACKFILL_BLOCKS,
      onIndexes: (change) => {
        if (change.deferred.length > 0) steps.push(`deferred ${change.deferred.length}`);
        if (change.built.length > 0) steps.push(`built ${change.built.length}`);
      },
      onProgress: (progress) => {
        const left = BigInt(rpc.chain.head) - progress.indexedBlock;
        const step = progress.caughtUp ? "caught up" : left > BACKFILL_BLOCKS ? "far" : "near";
        if (steps.at(-1) !== step) steps.push(step);
      },
    });
    await syncer.prepare();
    const syncToHead = async () => {
      while ((await syncer.syncUntil(Date.now() + 60_000))?.caughtUp === false) {}
    };
    // As in the bench: caught up at block 0, then the chain appears.
    rpc.head = 0;
    try {
      await syncToHead();
      expect(steps).toEqual(["caught up"]);
      steps.length = 0;
    } finally {
      rpc.head = rpc.chain.head;
    }
    await syncToHead();

    expect(steps[0]).toBe(`deferred ${ALL.length}`);
    expect(steps.indexOf(`built ${ALL.length}`)).toBeGreaterThan(steps.indexOf("far"));
    expect(steps.indexOf(`built ${ALL.length}`)).toBeLessThan(steps.indexOf("caught up"));
    expect(await deferrableIndexDefinitions(database.handle)).toEqual(original);

    // An index that falls behind by less than it holds keeps its indexes.
    const head = BigInt(rpc.chain.head);
    const fallenBehind = {
      chainId: chain.chainId,
      startBlock: 0n,
      indexed: head,
      finalized: head + 3n * BACKFILL_BLOCKS,
    };
    expect(await fitIndexesToBackfill(db, fallenBehind, BACKFILL_BLOCKS)).toBeNull();
    expect(Object.keys(await deferrableIndexDefinitions(database.handle)).sort()).toEqual(ALL);
  });

  it("stay while another chain of the phase is near its head, whose projector would build them", async () => {
    const database = await databases.create("fit_indexes_chains");
    const { db } = database.handle;
    const other = { chainId: 999, network: "devnet", chainName: "other", startBlock: 0n };
    await ensureCheckpoint(db, other);
    const fresh = { chainId: 31337, startBlock: 0n, indexed: -1n, finalized: 10_000n };
    const near = { block: 950n, hash: "0x01", timestamp: 0n, head: 1_000n, finalized: 1_000n };
    await advanceCheckpoint(db, other.chainId, { ...near, caughtUp: false });
    expect(await fitIndexesToBackfill(db, fresh, BACKFILL_BLOCKS)).toBeNull();

    await advanceCheckpoint(db, other.chainId, { ...near, head: 5_000n, caughtUp: false });
    expect((await fitIndexesToBackfill(db, fresh, BACKFILL_BLOCKS))?.deferred.sort()).toEqual(ALL);
  });

  it("come back in an archived phase at its reset, and an archived phase never drops them", async () => {
    const database = await databases.create("fit_indexes_reset");
    const { db } = database.handle;
    await ensureInitialPhase(db, "first", loadNetwork("devnet"));
    const original = await deferrableIndexDefinitions(database.handle);
    // The first phase is in its first backfill when the reset comes.
    expect((await deferIndexes(db)).sort()).toEqual(ALL);

    const { reset } = await performReset(
      { database: database.handle, logger: pino({ level: "silent" }) },
      { phase: "second", network: "devnet", requestedBy: "test" },
    );
    expect(reset.state).toBe("completed");
    expect(await deferrableIndexDefinitions(database.handle)).toEqual(original);

    // A projector of the archived phase still running its last job drops nothing.
    const archived = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
    try {
      const fresh = { chainId: 31337, startBlock: 0n, indexed: -1n, finalized: 10_000n };
      expect(await fitIndexesToBackfill(archived.db, fresh, BACKFILL_BLOCKS)).toBeNull();
    } finally {
      await archived.close();
    }
    expect(await deferrableIndexDefinitions(database.handle)).toEqual(original);
  });
});
