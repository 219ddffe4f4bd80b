import type postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import { type ChainConfig, loadNetwork } from "../../src/config/load-network.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { ChainSyncer } from "../../src/sync/chain-syncer.ts";
import { indexBlockRange } from "../../src/sync/index-block-range.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { type SyntheticRpc, startSyntheticRpc } from "../fixtures/synthetic-rpc.ts";
import { tableDigests } from "../fixtures/table-digests.ts";

/** Enough events for several store writes (5,000 logs each), and so several batches. */
const CHAIN = { minEvents: 30_000, seed: 11 };
/** Tables that record how the chain was cut into batches, not what it holds. */
const BOOKKEEPING = ["chain_checkpoints", "block_hashes", "indexed_batches", "undo_journal"];

async function domainDigests(handle: DatabaseHandle) {
  const digests = await tableDigests(handle, { schemas: [handle.schemaName] });
  for (const table of BOOKKEEPING) digests.delete(`${handle.schemaName}.${table}`);
  return Object.fromEntries(digests);
}

function syncerFor(rpc: SyntheticRpc, database: TestDatabase, onBatch?: () => void) {
  const devnet = loadNetwork("devnet").chains[0] as ChainConfig;
  // Fetches of at most 400 blocks (about 3,200 logs), stored about 5,000 logs at a time: batches
  // end at those stores, so the chain is projected in several, whenever the fetches land.
  const chain: ChainConfig = { ...devnet, rpcUrls: [rpc.url], maxBlockRange: 400 };
  return new ChainSyncer({
    network: "devnet",
    chain,
    db: database.handle.db,
    client: createChainClient(chain),
    onProgress: onBatch,
  });
}

/** The whole chain projected in one batch: nothing read ahead, nothing carried over. */
async function indexInOneBatch(rpc: SyntheticRpc, database: TestDatabase): Promise<void> {
  await syncerFor(rpc, database).prepare();
  const { chain } = rpc;
  const logs = chain.decodedLogs(0, chain.head);
  const last = logs.at(-1);
  if (!last) throw new Error("the synthetic chain has no logs");
  await indexBlockRange(database.handle.db, {
    chainId: chain.chainId,
    from: 0n,
    to: last.blockNumber,
    toHash: last.blockHash,
    toTimestamp: last.blockTimestamp,
    head: BigInt(chain.head),
    caughtUp: false,
    logs,
  });
}

describe("rows read ahead of a batch", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("are brought up to date with the batch that committed after they were read", async () => {
    const rpc = await startSyntheticRpc(CHAIN);
    cleanups.push(() => rpc.close());
    const reference = await createTestDatabase("read_ahead_reference");
    cleanups.push(() => reference.drop());
    await indexInOneBatch(rpc, reference);

    const database = await createTestDatabase("read_ahead");
    cleanups.push(() => database.drop());
    // Each batch's advance of the checkpoint takes 100 ms: the next batch's rows, read ahead
    // meanwhile (its logs are stored well before), miss this batch's changes, which must then
    // come from its state. Nodes and sessions change in nearly every batch.
    await (database.handle.postgres as postgres.Sql).unsafe(`
      create function slow_checkpoint() returns trigger language plpgsql as
        $$ begin perform pg_sleep(0.1); return new; end $$;
      create trigger slow_checkpoint before update on chain_checkpoints
        for each row execute function slow_checkpoint();`);
    let batches = 0;
    const syncer = syncerFor(rpc, database, () => {
      batches += 1;
    });
    await syncer.prepare();
    while ((await syncer.syncUntil(Date.now() + 60_000))?.caughtUp === false) {}

    // A batch ends at the first store write after its 5,000th log, so it holds under 14,000: at
    // least three batches, the later ones reading their rows ahead.
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(await domainDigests(database.handle)).toEqual(await domainDigests(reference.handle));
  });
});
