import type { PublicClient } from "viem";
import { InvalidRpcResponseError } from "../chain/errors.ts";
import { ParentMismatchError } from "../chain/fetch-linked-blocks.ts";
import { fetchBlockHeader } from "../chain/fetch-logs.ts";
import { type ChainTips, readChainTips } from "../chain/read-chain-tips.ts";
import type { ChainConfig } from "../config/load-network.ts";
import { ensureCheckpoint, readCheckpoint, recordIdleHead } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import { stateFromRows } from "../projection/batch-rows.ts";
import type { ProjectionState } from "../projection/projection-state.ts";
import { AdaptiveRange } from "./adaptive-range.ts";
import { type ChainLease, tryLeaseChain } from "./chain-lease.ts";
import {
  fetchUnfinalizedRange,
  type UnfinalizedFetchOptions,
  type UnfinalizedRange,
} from "./fetch-unfinalized-range.ts";
import { collectGarbageAbove } from "./heap-governor.ts";
import { indexBlockRange } from "./index-block-range.ts";
import { ProgressMeter, type SyncProgress } from "./progress.ts";
import { type RolledBackReorg, rollBackReorg } from "./roll-back-reorg.ts";
import { StageClock } from "./stage-clock.ts";
import { storeContractOf } from "./store/fetch-into-store.ts";
import { promoteFinalEvents } from "./store/promote-final-events.ts";
import type { StoredRange } from "./store/read-stored-range.ts";
import { type FetchJobSink, StoredFinalBlocks } from "./store/stored-final-blocks.ts";

/**
 * Logs per transaction: stored blocks are read until a batch has about this many, so a sparse
 * stretch of chain costs few commits, and the rows a batch touches (nodes, open tasks) are
 * written once per batch instead of once per range. Two batches are alive at once (the one
 * written and the one read ahead) and what they allocate outlives the young generation: 5,000
 * keeps a worker's heap well inside its budget (heap-governor.ts) at the speed of 10,000.
 */
const BATCH_LOGS = 5_000;

/**
 * How long a backfill job may run past its deadline. Between two jobs a chain waits for the
 * next poll, and with several worker processes the next job often lands in a process that does
 * not hold the chain: longer backfill jobs make those gaps rare. A running batch still notices a
 * reset (the phase lock), and BullMQ renews a running job's lock.
 */
const BACKFILL_OVERRUN_MS = 20_000;
/** Blocks behind the final head from which a chain counts as backfilling. */
export const BACKFILL_BLOCKS = 10_000n;

/**
 * Blocks per batch above the final block, where every header is fetched: at most this many
 * headers and by-hash log queries go out in one JSON-RPC batch.
 */
const REALTIME_BLOCKS = 50n;

const minBigint = (a: bigint, b: bigint) => (a < b ? a : b);

/** The tips as seen by an index that ends at `endBlock`. */
const capTips = (tips: ChainTips, endBlock: bigint | undefined): ChainTips =>
  endBlock === undefined
    ? tips
    : { head: minBigint(tips.head, endBlock), finalized: minBigint(tips.finalized, endBlock) };

/** How long the chain stays leased to this process after a call (see keepLeaseAWhile). */
const LEASE_GRACE_MS = 1_000;

export interface ChainSyncerOptions {
  network: string;
  chain: ChainConfig;
  db: Database;
  client: PublicClient;
  /** Gives the second answer of cross-checked log queries (default `client`). */
  checkClient?: PublicClient;
  onProgress?: (progress: SyncProgress) => void;
  /** The last block to index (a partial index, e.g. the chain as of a block); default the head. */
  endBlock?: bigint;
  /** Called after a reorg above the final block was rolled back. */
  onReorg?: (reorg: RolledBackReorg) => void;
  /**
   * Called when taking the chain's lease ended a former holder's open batch (its server process
   * id): that holder had gone silent, frozen or stuck, with the chain's checkpoint locked.
   */
  onFormerHolderEnded?: (pid: number) => void;
  /** Called when the lease kept from an earlier call was found lost; the chain is taken again. */
  onLeaseLost?: () => void;
  /** Where the fetches of final blocks go (the work queue); default: run here, see StoredFinalBlocks. */
  fetchQueue?: FetchJobSink;
  /** Sizes eth_getLogs calls; pass the one this process's fetch jobs use. */
  range?: AdaptiveRange;
}

/**
 * Follows one chain as its projector: the only writer of the chain's domain tables, held by a
 * lease (chain-lease.ts). Final blocks come from the sync store in large batches, fetched ahead
 * by `fetch-logs` jobs that any worker process runs (store/stored-final-blocks.ts); the blocks
 * above the final one, up to the head, are fetched here block by block, linked by parent hash
 * (fetch-unfinalized-range.ts), and copied into the store once final (promote-final-events.ts).
 * Batches above the final block keep an undo journal; when a reorg orphans indexed blocks (the
 * checkpoint's hash is no longer canonical, or the next block does not descend from it) they
 * are rolled back to the fork point and indexed again. A reorg that reaches a final block
 * changes nothing and stops the chain (ReorgBeyondFinalityError).
 *
 * Each batch is committed atomically with the checkpoint; a crash at any point resumes at the
 * checkpoint.
 */
export class ChainSyncer {
  readonly chainId: number;
  private readonly range: AdaptiveRange;
  private readonly startBlock: bigint;
  private readonly unfinalizedFetch: UnfinalizedFetchOptions;
  private readonly finalBlocks: StoredFinalBlocks;
  private lease: ChainLease | null = null;
  private leaseTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ChainSyncerOptions) {
    const { chain } = options;
    this.chainId = chain.chainId;
    this.range = options.range ?? new AdaptiveRange(BigInt(chain.maxBlockRange));
    this.unfinalizedFetch = {
      chainId: chain.chainId,
      client: options.client,
      checkClient: options.checkClient ?? options.client,
      crossCheckRatio: chain.logCrossCheckRatio ?? 0,
      contracts: chain.contracts,
      contractsByAddress: new Map(chain.contracts.map((c) => [c.address.toLowerCase(), c])),
    };
    this.finalBlocks = new StoredFinalBlocks({
      db: options.db,
      chain,
      client: options.client,
      checkClient: options.checkClient ?? options.client,
      range: this.range,
      fetchQueue: options.fetchQueue,
    });
    this.startBlock = chain.contracts.reduce(
      // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
      (lowest, c) => (c.startBlock < lowest ? c.startBlock : lowest),
      chain.contracts[0]?.startBlock ?? 0n,
    );
  }

  /** Creates the checkpoint on first start. */
  async prepare(): Promise<void> {
    const { db, network, chain } = this.options;
    await ensureCheckpoint(db, {
      chainId: chain.chainId,
      network,
      chainName: chain.name,
      startBlock: this.startBlock,
    });
  }

  /**
   * Indexes ranges until caught up with the final head or until `deadline` (epoch ms), which a
   * backfill may overrun by BACKFILL_OVERRUN_MS (see there).
   * @returns the progress after the last batch, or null when nothing was left to do or another
   * process is syncing this chain right now.
   */
  async syncUntil(deadline: number): Promise<SyncProgress | null> {
    const lease = await this.takeLease();
    if (!lease) return null;
    try {
      return await this.syncLeased(deadline);
    } catch (error) {
      await this.dropLease();
      throw error;
    } finally {
      this.keepLeaseAWhile();
    }
  }

  /** The lease kept from the previous call, or a new one; null when another process holds it. */
  private async takeLease(): Promise<ChainLease | null> {
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = undefined;
    if (this.lease && !this.lease.held) {
      // Its session ended under it (a Postgres restart, a stall past the silence): the lock is
      // gone, and another process may be syncing the chain already.
      await this.dropLease();
      this.options.onLeaseLost?.();
    }
    if (!this.lease) {
      this.lease = await tryLeaseChain(this.options.db, this.chainId);
      const ended = this.lease?.endedFormerHolder;
      if (ended !== undefined) this.options.onFormerHolderEnded?.(ended);
    }
    return this.lease;
  }

  /**
   * Keeps the lease for LEASE_GRACE_MS after a call: the next job of this chain, usually here
   * within a poll interval, continues here instead of waiting for the lease to move. Released
   * if no call comes.
   */
  private keepLeaseAWhile(): void {
    if (!this.lease) return;
    this.leaseTimer = setTimeout(() => {
      this.leaseTimer = undefined;
      this.dropLease().catch(() => {});
    }, LEASE_GRACE_MS);
    this.leaseTimer.unref();
  }

  /**
   * Gives the lease up, and with it what was read ahead under it: whoever holds the chain next
   * may write what that read-ahead would have assumed unchanged.
   */
  private async dropLease(): Promise<void> {
    const lease = this.lease;
    this.lease = null;
    this.finalBlocks.dropReadAhead();
    await lease?.release();
  }

  private async syncLeased(deadline: number): Promise<SyncProgress | null> {
    const { db, client, chain } = this.options;
    const tips = capTips(await readChainTips(client, chain), this.options.endBlock);
    let { block: indexed, hash: indexedHash } = await this.canonicalCheckpoint(tips.finalized);
    await this.promoteFinal(minBigint(indexed, tips.finalized));
    if (indexed >= tips.head) {
      await recordIdleHead(db, this.chainId, tips.head);
      return null;
    }

    const meter = new ProgressMeter(this.chainId, indexed);
    let progress: SyncProgress | null = null;
    const backfill = tips.finalized - indexed > BACKFILL_BLOCKS;
    const stopAt = backfill ? deadline + BACKFILL_OVERRUN_MS : deadline;
    // The batch this call wrote last: rows read ahead for the next one are brought up to date
    // with its state. Only this call's own batches count: before them, the lease may have moved.
    let written: { to: bigint; state: ProjectionState } | null = null;
    // A lease found lost mid-call ends the call: the next one takes the chain again (takeLease).
    while (indexed < tips.head && Date.now() < stopAt && this.lease?.held !== false) {
      const clock = new StageClock();
      let batch: StoredRange | UnfinalizedRange | null;
      try {
        batch =
          indexed < tips.finalized
            ? await this.finalBlocks.next(indexed + 1n, tips.finalized, BATCH_LOGS, stopAt)
            : await fetchUnfinalizedRange(
                this.unfinalizedFetch,
                indexed + 1n,
                minBigint(tips.head, indexed + REALTIME_BLOCKS),
                indexedHash,
              );
      } catch (error) {
        if (!(error instanceof ParentMismatchError)) throw error;
        ({ block: indexed, hash: indexedHash } = await this.rollBack(indexed, tips.finalized));
        written = null;
        continue;
      }
      if (!batch) break;
      clock.lap("range");
      const rowsReadAhead = "rowsReadAhead" in batch ? batch.rowsReadAhead : undefined;
      let state: ProjectionState | undefined;
      if (rowsReadAhead && written?.to === batch.from - 1n) {
        state = stateFromRows(await rowsReadAhead, written.state);
        clock.lap("load");
      }
      const indexedBatch = await indexBlockRange(
        db,
        {
          chainId: this.chainId,
          ...batch,
          head: tips.head,
          finalized: tips.finalized,
          caughtUp: batch.to >= tips.finalized,
        },
        { clock, state },
      );
      written = { to: batch.to, state: indexedBatch.state };
      indexed = batch.to;
      indexedHash = batch.toHash;
      collectGarbageAbove();
      clock.lap("gc");
      progress = meter.record(indexed, tips.head, indexedBatch.stored, clock.seconds);
      this.options.onProgress?.(progress);
    }
    return progress;
  }

  /**
   * The checkpoint, once its block is known to be canonical: a block orphaned by a reorg is
   * rolled back first (and a reorg below the final block stops the chain).
   */
  private async canonicalCheckpoint(
    finalized: bigint,
  ): Promise<{ block: bigint; hash: string | null }> {
    const { db, client } = this.options;
    const checkpoint = await readCheckpoint(db, this.chainId);
    if (!checkpoint) throw new Error(`chain ${this.chainId}: call prepare() first`);
    const { lastIndexedBlock: block, lastIndexedHash: hash } = checkpoint;
    if (!hash) return { block, hash };
    const canonical = await fetchBlockHeader(client, block);
    if (!canonical) {
      // A provider behind the index is no evidence of a reorg: wait for it (or another one).
      throw new InvalidRpcResponseError(
        `chain ${this.chainId}: the provider does not have indexed block ${block} yet`,
      );
    }
    if (canonical.hash.toLowerCase() === hash.toLowerCase()) return { block, hash };
    return this.rollBack(block, finalized);
  }

  /** Undoes the batches a reorg orphaned. */
  private async rollBack(
    checkpointBlock: bigint,
    finalized: bigint,
  ): Promise<{ block: bigint; hash: string | null }> {
    const { db, client } = this.options;
    const checkpoint = await readCheckpoint(db, this.chainId);
    const reorg = await rollBackReorg(db, client, {
      chainId: this.chainId,
      checkpointBlock,
      checkpointHash: checkpoint?.lastIndexedHash ?? "unknown",
      finalized,
    });
    this.options.onReorg?.(reorg);
    const rewound = await readCheckpoint(db, this.chainId);
    if (!rewound) throw new Error(`chain ${this.chainId}: checkpoint vanished in a rollback`);
    return { block: rewound.lastIndexedBlock, hash: rewound.lastIndexedHash };
  }

  /** Copies what the chain indexed up to `finalUpTo` into the sync store where it lacks it. */
  private async promoteFinal(finalUpTo: bigint): Promise<void> {
    const { db, chain } = this.options;
    await promoteFinalEvents(
      db,
      this.chainId,
      chain.contracts.map(storeContractOf),
      this.startBlock,
      finalUpTo,
    );
  }
}
