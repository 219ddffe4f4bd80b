import type { PublicClient } from "viem";
import { fetchBlockHeader } from "../chain/fetch-logs.ts";
import type { ChainConfig } from "../config/load-network.ts";
import { ensureCheckpoint, readCheckpoint, recordIdleHead } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import { AdaptiveRange } from "./adaptive-range.ts";
import { type ChainLease, tryLeaseChain } from "./chain-lease.ts";
import { ReorgBeyondFinalityError } from "./errors.ts";
import { collectGarbageAbove } from "./heap-governor.ts";
import { indexBlockRange } from "./index-block-range.ts";
import { ProgressMeter, type SyncProgress } from "./progress.ts";
import { RangeFetcher } from "./range-fetcher.ts";

/**
 * Logs per transaction: fetched ranges are joined until a batch has this many, so a sparse
 * stretch of chain costs few commits, and the rows a batch touches (nodes, open tasks) are
 * written once per batch instead of once per range.
 */
const BATCH_LOGS = 10_000;

/**
 * How long a backfill job may run past its deadline. Between two jobs a chain waits for the
 * next poll, and with several worker processes the next job often lands in a process that does
 * not hold the chain: longer backfill jobs make those gaps rare. A running batch still notices a
 * reset (the phase lock), and jobs stay well within BullMQ's 30 s lock.
 */
const BACKFILL_OVERRUN_MS = 20_000;
/** Blocks behind the final head from which a job counts as a backfill. */
const BACKFILL_BLOCKS = 10_000n;

/** How long the chain stays leased to this process after a call (see keepLeaseAWhile). */
const LEASE_GRACE_MS = 1_000;

export interface ChainSyncerOptions {
  network: string;
  chain: ChainConfig;
  db: Database;
  client: PublicClient;
  onProgress?: (progress: SyncProgress) => void;
}

/**
 * Follows one chain: backfill from the contracts' start blocks, then the head, never past
 * head − finalityDepth, so every indexed block is final and needs no rollback. Each batch of
 * ranges is committed atomically with the checkpoint; a crash at any point resumes at the
 * checkpoint. The next ranges are fetched and decoded while a batch is written (RangeFetcher),
 * and that read-ahead is kept between calls when the checkpoint is where it left off.
 */
export class ChainSyncer {
  readonly chainId: number;
  private readonly range: AdaptiveRange;
  private readonly startBlock: bigint;
  private fetcher: RangeFetcher | null = null;
  private lease: ChainLease | null = null;
  private leaseTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ChainSyncerOptions) {
    const { chain } = options;
    this.chainId = chain.chainId;
    this.range = new AdaptiveRange(BigInt(chain.maxBlockRange));
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
      this.fetcher = null;
      this.lease = null;
      await lease.release();
      throw error;
    } finally {
      this.keepLeaseAWhile();
    }
  }

  /** The lease kept from the previous call, or a new one; null when another process holds it. */
  private async takeLease(): Promise<ChainLease | null> {
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = undefined;
    this.lease ??= await tryLeaseChain(this.options.db, this.chainId);
    return this.lease;
  }

  /**
   * Keeps the lease for LEASE_GRACE_MS after a call: the next job of this chain, usually here
   * within a poll interval, continues with the same read-ahead instead of another process
   * starting over. Released if no call comes.
   */
  private keepLeaseAWhile(): void {
    if (!this.lease) return;
    this.leaseTimer = setTimeout(() => {
      const lease = this.lease;
      this.lease = null;
      this.leaseTimer = undefined;
      lease?.release().catch(() => {});
    }, LEASE_GRACE_MS);
    this.leaseTimer.unref();
  }

  private async syncLeased(deadline: number): Promise<SyncProgress | null> {
    const { db, client, chain } = this.options;
    const checkpoint = await readCheckpoint(db, this.chainId);
    if (!checkpoint) throw new Error(`chain ${this.chainId}: call prepare() first`);
    await this.assertIndexedTipIsCanonical(checkpoint.lastIndexedBlock, checkpoint.lastIndexedHash);

    const head = await client.getBlockNumber({ cacheTime: 0 });
    const target = head - BigInt(chain.finalityDepth);
    let indexed = checkpoint.lastIndexedBlock;
    if (indexed >= target) {
      await recordIdleHead(db, this.chainId, head);
      return null;
    }

    const fetcher = this.fetcherFrom(indexed + 1n, target);
    const meter = new ProgressMeter(this.chainId, indexed);
    let progress: SyncProgress | null = null;
    const stopAt = target - indexed > BACKFILL_BLOCKS ? deadline + BACKFILL_OVERRUN_MS : deadline;
    while (indexed < target && Date.now() < stopAt) {
      const batch = await fetcher.take(BATCH_LOGS);
      if (!batch) break;
      const stored = await indexBlockRange(db, {
        chainId: this.chainId,
        ...batch,
        head,
        caughtUp: batch.to >= target,
      });
      indexed = batch.to;
      collectGarbageAbove();
      progress = meter.record(indexed, target, stored);
      this.options.onProgress?.(progress);
    }
    return progress;
  }

  /** The read-ahead of the previous call when it continues at `from`, else a new one. */
  private fetcherFrom(from: bigint, target: bigint): RangeFetcher {
    if (this.fetcher?.position === from) {
      this.fetcher.extendTo(target);
      return this.fetcher;
    }
    const { client, chain } = this.options;
    this.fetcher = new RangeFetcher(
      { chainId: this.chainId, client, contracts: chain.contracts, range: this.range },
      from,
      target,
    );
    return this.fetcher;
  }

  private async assertIndexedTipIsCanonical(block: bigint, hash: string | null): Promise<void> {
    if (!hash) return;
    const canonical = await fetchBlockHeader(this.options.client, block);
    if (canonical?.hash.toLowerCase() !== hash.toLowerCase()) {
      throw new ReorgBeyondFinalityError(this.chainId, block, hash, canonical?.hash ?? null);
    }
  }
}
