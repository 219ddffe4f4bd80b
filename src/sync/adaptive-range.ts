/** Logs one eth_getLogs call aims at: large enough to amortise the call, small enough for memory. */
export const TARGET_LOGS_PER_CALL = 5_000;

/**
 * The block span of the next eth_getLogs call. It follows the chain's log density, aiming at
 * `targetLogs` logs per call: a sparse stretch is crossed in a few large spans, a busy one in
 * small spans, never more than doubling from one call to the next nor above the network file's
 * maximum. It starts at a quarter of the maximum, as the density is not known yet. A provider
 * that refuses a span (too many results, response too large, timeout) halves it, and spans
 * stay below half the refused one from then on: a refusal costs a whole answer's worth of work.
 */
export class AdaptiveRange {
  private size: bigint;
  /** Largest span to try again: below the smallest one a provider refused. */
  private ceiling: bigint;

  constructor(
    max: bigint,
    private readonly targetLogs = TARGET_LOGS_PER_CALL,
  ) {
    this.ceiling = max;
    this.size = max / 4n > 1n ? max / 4n : 1n;
  }

  get current(): bigint {
    return this.size;
  }

  /** @returns false when the range is already one block and cannot shrink. */
  shrink(refused = this.size): boolean {
    if (refused <= 1n) return false;
    const half = refused / 2n;
    if (half < this.ceiling) this.ceiling = half;
    if (this.size > half) this.size = half;
    return true;
  }

  /**
   * Sizes the next span after `blocks` blocks returned `logs` logs. A span cut short (the last
   * one before the head) may shrink the next but never grows it: a few quiet blocks say little
   * about a whole span.
   */
  record(blocks: bigint, logs: number): void {
    if (blocks < this.size && logs <= this.targetLogs) return;
    const doubled = this.size * 2n;
    const dense = (blocks * BigInt(this.targetLogs)) / BigInt(Math.max(logs, 1));
    let next = dense < doubled ? dense : doubled;
    if (next > this.ceiling) next = this.ceiling;
    this.size = next < 1n ? 1n : next;
  }
}

const RANGE_ERROR = /range|too many|limit|exceed|too large|size|timed? ?out|timeout|10000 results/i;

/** Whether an RPC error means "ask for fewer blocks" rather than "the provider is broken". */
export function isRangeTooLargeError(error: unknown): boolean {
  const text =
    error instanceof Error
      ? `${error.message} ${(error as { details?: string }).details ?? ""}`
      : String(error);
  return RANGE_ERROR.test(text);
}
