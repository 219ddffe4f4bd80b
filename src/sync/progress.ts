import type { StageSeconds } from "./stage-clock.ts";

/** What a chain's sync loop reports after each indexed range. */
export interface SyncProgress {
  chainId: number;
  indexedBlock: bigint;
  targetBlock: bigint;
  blocksLeft: bigint;
  eventsStored: number;
  /** Events and blocks of the range just indexed. */
  newEvents: number;
  newBlocks: number;
  /** Where the projector's time for the range went (see stage-clock.ts). */
  stageSeconds: StageSeconds;
  eventsPerSecond: number;
  /** Seconds until the target at the current block rate; null while unknown. */
  etaSeconds: number | null;
  caughtUp: boolean;
}

/** Rate and ETA over one sync call: events/s and blocks/s since it began. */
export class ProgressMeter {
  private readonly startedAt = Date.now();
  private readonly startBlock: bigint;
  private events = 0;
  private lastBlock: bigint;

  constructor(
    private readonly chainId: number,
    indexedBlock: bigint,
  ) {
    this.startBlock = indexedBlock;
    this.lastBlock = indexedBlock;
  }

  record(
    indexedBlock: bigint,
    targetBlock: bigint,
    newEvents: number,
    stageSeconds: StageSeconds = {},
  ): SyncProgress {
    this.events += newEvents;
    const newBlocks = Number(indexedBlock - this.lastBlock);
    this.lastBlock = indexedBlock;
    const seconds = Math.max((Date.now() - this.startedAt) / 1000, 0.001);
    const blocksDone = Number(indexedBlock - this.startBlock);
    const blocksLeft = targetBlock > indexedBlock ? targetBlock - indexedBlock : 0n;
    const blocksPerSecond = blocksDone / seconds;
    return {
      chainId: this.chainId,
      indexedBlock,
      targetBlock,
      blocksLeft,
      eventsStored: this.events,
      newEvents,
      newBlocks,
      stageSeconds,
      eventsPerSecond: Math.round(this.events / seconds),
      etaSeconds: blocksPerSecond > 0 ? Math.ceil(Number(blocksLeft) / blocksPerSecond) : null,
      caughtUp: blocksLeft === 0n,
    };
  }
}
