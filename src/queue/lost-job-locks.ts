/**
 * BullMQ's errors for a job whose lock is gone: its renewal failed, or the job settled without
 * it, or after the worker that took it over had settled and removed it. BullMQ has no error class
 * for them, so their messages are matched.
 */
const JOB_LOCK_LOST =
  /^(?:could not renew lock|Missing lock|Lock mismatch|Missing key) for job (\S+?)\.?(?:\s|$)/;

/** Lost locks remembered so each is told once; more than this and the oldest are forgotten. */
const LOST_LOCKS_REMEMBERED = 1_000;

/**
 * The id of the job whose lock `error` says was lost; null for any other error.
 *
 * @example
 * jobWithLostLock(new Error("Missing lock for job fetch-logs_1. moveToFinished")); // "fetch-logs_1"
 */
export function jobWithLostLock(error: Error): string | null {
  return JOB_LOCK_LOST.exec(error.message)?.[1] ?? null;
}

/**
 * A listener for a BullMQ worker's `error` events that tells `tell` of each job's lost lock once:
 * BullMQ reports it again at every renewal while the job runs, and once more when it settles.
 *
 * @example
 * worker.on("error", tellLostLocksOnce((error) => logger.warn({ err: error }, "lost a job's lock")));
 */
export function tellLostLocksOnce(tell?: (error: Error) => void): (error: Error) => void {
  const told = new Set<string>();
  return (error) => {
    const id = jobWithLostLock(error);
    if (id === null || told.has(id)) return;
    if (told.size >= LOST_LOCKS_REMEMBERED) told.delete(told.values().next().value as string);
    told.add(id);
    tell?.(error);
  };
}
