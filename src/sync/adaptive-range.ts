/** Logs one eth_getLogs call aims at: large enough to amortise the call, small enough for memory. */
export const TARGET_LOGS_PER_CALL = 5_000;

/**
 * The block span of the next eth_getLogs call. It follows the chain's log density, aiming at
 * `targetLogs` logs per call: a sparse stretch is crossed in a few large spans, a busy one in
 * small spans, never more than doubling from one call to the next nor above the network file's
 * maximum. It starts at a quarter of the maximum, as the density is not known yet. A provider
 * that refuses a span (too many results, response too large, timeout) halves it.
 */
export class AdaptiveRange {
  private size: bigint;

  constructor(
    private readonly max: bigint,
    private readonly targetLogs = TARGET_LOGS_PER_CALL,
  ) {
    this.size = max / 4n > 1n ? max / 4n : 1n;
  }

  get current(): bigint {
    return this.size;
  }

  /** @returns false when the range is already one block and cannot shrink. */
  shrink(): boolean {
    if (this.size <= 1n) return false;
    this.size = this.size / 2n;
    return true;
  }

  /** Sizes the next span after `blocks` blocks returned `logs` logs. */
  record(blocks: bigint, logs: number): void {
    const doubled = this.size * 2n;
    const dense = (blocks * BigInt(this.targetLogs)) / BigInt(Math.max(logs, 1));
    let next = dense < doubled ? dense : doubled;
    if (next > this.max) next = this.max;
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
