import type { DevnetClient } from "./client.ts";
import type { SeededRandom } from "./random.ts";

/** Default range of the seconds the clock moves between two waves, drawn uniformly. */
export const DEFAULT_SECONDS_PER_WAVE: readonly [number, number] = [1, 6];

/**
 * The simulated chain time. While it runs, every block repeats the previous block's timestamp
 * (anvil's block timestamp interval is 0) except when `advance()` moves the clock, so all the
 * transactions of a wave carry the same block timestamp, `now`, whatever the mining mode: phase
 * latencies are seeded, varied and non-zero, and a replay has the same times relative to
 * `start()`. In a continuous simulation the chain time runs ahead of the wall clock (by about
 * 50 s per round with the default range); a range of [0, 0] keeps every block at one time.
 */
export class SimulationClock {
  private current = 0;

  constructor(
    private readonly client: DevnetClient,
    private readonly random: SeededRandom,
    private readonly secondsPerWave = DEFAULT_SECONDS_PER_WAVE,
  ) {}

  /** The block timestamp (unix seconds) of the transactions sent now. */
  get now(): number {
    return this.current;
  }

  /** Takes over the chain's time from its latest block; returns that block's timestamp. */
  async start(): Promise<number> {
    const head = await this.client.getBlock({ blockTag: "latest" });
    this.current = Number(head.timestamp);
    await this.client.setBlockTimestampInterval({ interval: 0 });
    return this.current;
  }

  /** Moves the clock a few seeded seconds; the next block mined gets the new time. */
  async advance(): Promise<void> {
    this.current += this.random.int(...this.secondsPerWave);
    await this.client.setNextBlockTimestamp({ timestamp: BigInt(this.current) });
  }

  /** Gives the chain's time back to anvil (wall clock plus the offset the clock built up). */
  async release(): Promise<void> {
    await this.client.removeBlockTimestampInterval();
  }
}
