import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { rawBlocks } from "../../db/control-schema/index.ts";
import { insertNewRows } from "../../db/rows-by-key.ts";
import { blockHashes } from "../../db/schema/index.ts";
import { type BlockSpan, maxBigint, type StoreContract } from "./block-spans.ts";
import { loadFetchedSpans, lockChainStore, recordFetchedIntervals } from "./store-fetched-span.ts";

/** The first block at or after `block` that `spans` (merged) lack. */
function firstGapFrom(spans: readonly BlockSpan[], block: bigint): bigint {
  for (const span of spans) if (span.from <= block && block <= span.to) return span.to + 1n;
  return block;
}

/**
 * Copies into the sync store the events a phase indexed above what the store held, once their
 * blocks are final: the blocks indexed one by one near the head never went through a fetch job,
 * and without this a later phase would ask the RPC for them again.
 *
 * Sound because the phase's `events` hold every log of its contracts from `indexedFrom` (its
 * checkpoint's start block) to its checkpoint, and blocks at or below `finalUpTo` cannot change.
 * The copy ends at the last block up to `finalUpTo` whose header the phase recorded.
 */
export async function promoteFinalEvents(
  db: Database,
  chainId: number,
  contracts: readonly StoreContract[],
  indexedFrom: bigint,
  finalUpTo: bigint,
): Promise<void> {
  const [header] = await db
    .select()
    .from(blockHashes)
    .where(
      and(
        eq(blockHashes.chainId, chainId),
        gte(blockHashes.blockNumber, indexedFrom),
        lte(blockHashes.blockNumber, finalUpTo),
      ),
    )
    .orderBy(desc(blockHashes.blockNumber))
    .limit(1);
  if (!header) return;
  const end = header.blockNumber;
  const spans = await loadFetchedSpans(
    db,
    chainId,
    contracts.map((c) => c.address),
    indexedFrom,
  );
  const gaps = contracts
    .map((contract) => {
      const first = maxBigint(contract.startBlock, indexedFrom);
      return {
        address: contract.address,
        from: firstGapFrom(spans.get(contract.address) ?? [], first),
      };
    })
    .filter((gap) => gap.from <= end);
  if (gaps.length === 0) return;
  await db.transaction(async (tx) => {
    await lockChainStore(tx, chainId);
    for (const gap of gaps) {
      await tx.execute(sql`
        insert into cortensor.raw_logs (chain_id, block_number, log_index, block_hash,
          block_timestamp, tx_hash, tx_index, contract_address, contract_kind, event_name, abi,
          topic0, topics, data, args)
        select chain_id, block_number, log_index, block_hash, block_timestamp, tx_hash, tx_index,
          contract_address, contract_kind, event_name, abi, topic0, topics::text, data, args::text
        from events
        where chain_id = ${chainId} and contract_address = ${gap.address}
          and block_number between ${gap.from} and ${end}
        on conflict do nothing`);
    }
    await recordFetchedIntervals(
      tx,
      chainId,
      gaps.map((gap) => ({ address: gap.address, from: gap.from, to: end })),
    );
    await insertNewRows(tx, rawBlocks, [
      { chainId, blockNumber: end, hash: header.hash, timestamp: header.timestamp },
    ]);
  });
}
