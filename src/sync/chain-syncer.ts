import type { Hex, PublicClient } from "viem";
import { fetchBlockHeader, fetchLogsInRange } from "../chain/fetch-logs.ts";
import type { ChainConfig, IndexedContract } from "../config/load-network.ts";
import { ensureCheckpoint, readCheckpoint, recordIdleHead } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import { type DecodedLog, decodeLog, type RawLog } from "../decode/decode-log.ts";
import { AdaptiveRange, isRangeTooLargeError } from "./adaptive-range.ts";
import { ReorgBeyondFinalityError } from "./errors.ts";
import { indexBlockRange } from "./index-block-range.ts";
import { ProgressMeter, type SyncProgress } from "./progress.ts";

export interface ChainSyncerOptions {
  network: string;
  chain: ChainConfig;
  db: Database;
  client: PublicClient;
  onProgress?: (progress: SyncProgress) => void;
}

/**
 * Follows one chain: backfill from the contracts' start blocks, then the head, never past
 * head − finalityDepth, so every indexed block is final and needs no rollback. Each block range
 * is committed atomically with the checkpoint; a crash at any point resumes at the checkpoint.
 */
export class ChainSyncer {
  readonly chainId: number;
  private readonly range: AdaptiveRange;
  private readonly contractsByAddress: Map<string, IndexedContract>;
  private readonly startBlock: bigint;

  constructor(private readonly options: ChainSyncerOptions) {
    const { chain } = options;
    this.chainId = chain.chainId;
    this.range = new AdaptiveRange(BigInt(chain.maxBlockRange));
    this.contractsByAddress = new Map(chain.contracts.map((c) => [c.address.toLowerCase(), c]));
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
   * Indexes ranges until caught up with the final head or until `deadline` (epoch ms).
   * @returns the progress after the last range, or null when nothing was left to do.
   */
  async syncUntil(deadline: number): Promise<SyncProgress | null> {
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

    const meter = new ProgressMeter(this.chainId, indexed);
    let progress: SyncProgress | null = null;
    while (indexed < target && Date.now() < deadline) {
      const from = indexed + 1n;
      const to = from + this.range.current - 1n < target ? from + this.range.current - 1n : target;
      const logs = await this.fetchRange(from, to);
      if (!logs) continue;
      const header = await fetchBlockHeader(client, to);
      if (!header) throw new Error(`chain ${this.chainId}: block ${to} vanished below the head`);
      const stored = await indexBlockRange(db, {
        chainId: this.chainId,
        from,
        to,
        toHash: header.hash,
        toTimestamp: header.timestamp,
        head,
        caughtUp: to >= target,
        logs: logs.map((log) => this.decode(log)).filter((log): log is DecodedLog => log !== null),
      });
      indexed = to;
      progress = meter.record(indexed, target, stored);
      this.options.onProgress?.(progress);
    }
    return progress;
  }

  /** Fetches a range, shrinking it when the provider refuses; null means "retry smaller". */
  private async fetchRange(from: bigint, to: bigint): Promise<RawLog[] | null> {
    const addresses = [...this.contractsByAddress.values()]
      .filter((contract) => contract.startBlock <= to)
      .map((contract) => contract.address as Hex);
    if (addresses.length === 0) return [];
    try {
      const logs = await fetchLogsInRange(this.options.client, this.chainId, addresses, from, to);
      this.range.grow();
      return logs;
    } catch (error) {
      if (isRangeTooLargeError(error) && this.range.shrink()) return null;
      throw error;
    }
  }

  private decode(log: RawLog): DecodedLog | null {
    const contract = this.contractsByAddress.get(log.address.toLowerCase());
    // A log below its contract's start block belongs to an earlier deployment phase: not ours.
    if (!contract || log.blockNumber < contract.startBlock) return null;
    return decodeLog(log, contract.kind);
  }

  private async assertIndexedTipIsCanonical(block: bigint, hash: string | null): Promise<void> {
    if (!hash) return;
    const canonical = await fetchBlockHeader(this.options.client, block);
    if (canonical?.hash.toLowerCase() !== hash.toLowerCase()) {
      throw new ReorgBeyondFinalityError(this.chainId, block, hash, canonical?.hash ?? null);
    }
  }
}
