/** Something an operator asked for did not answer in time. */
export class DeadlineExceededError extends Error {
  override name = "DeadlineExceededError";
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what} did not answer within ${timeoutMs} ms`);
  }
}

/**
 * The promise's outcome, or a DeadlineExceededError after `timeoutMs`. Operator checks (a scrape,
 * a status query) must answer even when Redis or an RPC provider hangs: ioredis queues commands
 * while disconnected and a WebSocket connect can stall, so the caller cannot rely on their own
 * timeouts. The promise itself is not cancelled.
 */
export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(what, timeoutMs)), timeoutMs);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
