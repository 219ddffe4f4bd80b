import { and, asc, between, eq, gt, inArray, max, min } from "drizzle-orm";
import type { PublicClient } from "viem";
import { fetchBlockHeader } from "../chain/fetch-logs.ts";
import type { ChainConfig, NetworkConfig } from "../config/load-network.ts";
import { readCheckpoint } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import { blockHashes, events } from "../db/schema/index.ts";
import { fromEventRow } from "../db/write-events.ts";
import { indexBlockRange } from "./index-block-range.ts";

/** An archived phase whose stored logs a new phase may take instead of fetching them again. */
export interface ArchivedLogStore {
  phaseId: string;
  network: NetworkConfig;
  db: Database;
}

/** Blocks per range taken from an archived phase (its events are already decoded: cheap). */
const BLOCKS_PER_RANGE = 50_000n;

/**
 * The last final block up to which `store` holds every log the new phase's `chain` needs: it
 * followed the same chain with every one of the new phase's contracts (same address and kind)
 * from their new start block or earlier. Null when it cannot stand in for the RPC.
 */
async function coveredUpTo(store: ArchivedLogStore, chain: ChainConfig): Promise<bigint | null> {
  const stored = store.network.chains.find((candidate) => candidate.chainId === chain.chainId);
  if (!stored) return null;
  for (const contract of chain.contracts) {
    const same = stored.contracts.find(
      (candidate) =>
        candidate.address.toLowerCase() === contract.address.toLowerCase() &&
        candidate.kind === contract.kind,
    );
    if (!same || same.startBlock > contract.startBlock) return null;
  }
  const checkpoint = await readCheckpoint(store.db, chain.chainId);
  if (!checkpoint) return null;
  // Only what was final: blocks above may have been orphaned after the phase stopped following
  // the chain, and reused ranges keep no undo journal.
  const { lastIndexedBlock, finalizedBlock } = checkpoint;
  return finalizedBlock !== null && finalizedBlock < lastIndexedBlock
    ? finalizedBlock
    : lastIndexedBlock;
}

/** A block of the store with a recorded hash to end a range at: the last one ≤ limit, or the next. */
async function rangeEnd(store: ArchivedLogStore, chainId: number, from: bigint, upTo: bigint) {
  const limit = from + BLOCKS_PER_RANGE - 1n < upTo ? from + BLOCKS_PER_RANGE - 1n : upTo;
  const onChain = eq(blockHashes.chainId, chainId);
  const [within] = await store.db
    .select({ block: max(blockHashes.blockNumber) })
    .from(blockHashes)
    .where(and(onChain, between(blockHashes.blockNumber, from, limit)));
  let end = within?.block ?? null;
  if (end === null) {
    const [next] = await store.db
      .select({ block: min(blockHashes.blockNumber) })
      .from(blockHashes)
      .where(
        and(
          onChain,
          gt(blockHashes.blockNumber, limit),
          between(blockHashes.blockNumber, from, upTo),
        ),
      );
    end = next?.block ?? null;
  }
  if (end === null) return null;
  const [row] = await store.db
    .select()
    .from(blockHashes)
    .where(and(onChain, eq(blockHashes.blockNumber, end)));
  return row ?? null;
}

/**
 * Whether a stored block is still on the chain, when the RPC can say: a reorg deeper than the
 * archived phase's finality may have replaced it (the RPC then takes over from the checkpoint).
 * Without an answer the range is taken, offline: if it was orphaned after all, the sync's
 * canonical check on the checkpoint stops the chain loudly once the RPC is back.
 */
async function stillCanonical(
  client: PublicClient,
  block: { blockNumber: bigint; hash: string },
): Promise<boolean> {
  const header = await fetchBlockHeader(client, block.blockNumber).catch(() => undefined);
  return header === undefined || header?.hash.toLowerCase() === block.hash.toLowerCase();
}

/**
 * Indexes what it can of `chain` from archived phases' stored logs instead of the RPC: after a
 * reset whose new start blocks fall inside what an earlier phase already fetched, the new phase
 * re-projects those logs (same events, already decoded) and fetches only beyond them. Ranges are
 * committed like fetched ones (indexBlockRange), so a crash resumes at the checkpoint.
 *
 * @returns how many ranges and events were taken from archived phases (none: nothing left to take).
 */
export async function indexFromArchivedLogs(
  db: Database,
  chain: ChainConfig,
  stores: readonly ArchivedLogStore[],
  deadline: number,
  client?: PublicClient,
): Promise<{ ranges: number; events: number }> {
  const taken = { ranges: 0, events: 0 };
  const startOf = new Map(chain.contracts.map((c) => [c.address.toLowerCase(), c.startBlock]));
  const addresses = [...startOf.keys()];
  while (Date.now() < deadline) {
    const checkpoint = await readCheckpoint(db, chain.chainId);
    if (!checkpoint) return taken;
    const from = checkpoint.lastIndexedBlock + 1n;
    let best: { store: ArchivedLogStore; upTo: bigint } | undefined;
    for (const store of stores) {
      const upTo = await coveredUpTo(store, chain);
      if (upTo !== null && upTo >= from && (!best || upTo > best.upTo)) best = { store, upTo };
    }
    if (!best) return taken;
    const end = await rangeEnd(best.store, chain.chainId, from, best.upTo);
    if (!end) return taken;
    if (client && !(await stillCanonical(client, end))) return taken;
    const rows = await best.store.db
      .select()
      .from(events)
      .where(
        and(
          eq(events.chainId, chain.chainId),
          between(events.blockNumber, from, end.blockNumber),
          inArray(events.contractAddress, addresses),
        ),
      )
      .orderBy(asc(events.blockNumber), asc(events.logIndex));
    const logs = rows
      .filter((row) => row.blockNumber >= (startOf.get(row.contractAddress) ?? 0n))
      .map(fromEventRow);
    await indexBlockRange(db, {
      chainId: chain.chainId,
      from,
      to: end.blockNumber,
      toHash: end.hash,
      toTimestamp: end.timestamp,
      head: checkpoint.headBlock ?? end.blockNumber,
      caughtUp: false,
      logs,
    });
    taken.ranges += 1;
    taken.events += logs.length;
  }
  return taken;
}
