/**
 * The block span of the next eth_getLogs call: halved when a provider refuses a range (too many
 * results, response too large, timeout), doubled again after successes, never above the maximum.
 */
export class AdaptiveRange {
  private size: bigint;

  constructor(private readonly max: bigint) {
    this.size = max;
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

  grow(): void {
    const doubled = this.size * 2n;
    this.size = doubled > this.max ? this.max : doubled;
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
