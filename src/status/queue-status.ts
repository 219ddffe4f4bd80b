import { withDeadline } from "../observability/with-deadline.ts";
import type { JobStateCounts, WorkQueue } from "../queue/work-queue.ts";

/** One job kind's counts (`chain-sync`, `task-results`). */
export interface JobKindCounts extends JobStateCounts {
  job: string;
}

/** The work queue as operators see it; counts are null when it could not be read (`error`). */
export interface QueueStatus {
  name: string;
  kind: WorkQueue["kind"];
  paused: boolean | null;
  total: JobStateCounts | null;
  /** Jobs that ever failed on the queue, all processes together. */
  failuresTotal: number | null;
  byJob: JobKindCounts[];
  error: string | null;
}

/** Longest a status waits for the queue (Redis may be down: ioredis then waits forever). */
export const QUEUE_STATUS_TIMEOUT_MS = 2_000;

/** Reads the queue's counts per state and per job kind; null for a queue that has none. */
export async function readQueueStatus(
  queue: WorkQueue | undefined,
  timeoutMs = QUEUE_STATUS_TIMEOUT_MS,
): Promise<QueueStatus | null> {
  if (!queue?.counts) return null;
  const base = { name: queue.name, kind: queue.kind };
  try {
    const counts = await withDeadline(queue.counts({ byJob: true }), timeoutMs, "the work queue");
    return {
      ...base,
      paused: counts.paused,
      total: counts.total,
      failuresTotal: counts.failuresTotal,
      byJob: Object.entries(counts.byJob ?? {})
        .map(([job, jobCounts]) => ({ job, ...jobCounts }))
        .sort((a, b) => a.job.localeCompare(b.job)),
      error: null,
    };
  } catch (error) {
    return {
      ...base,
      paused: null,
      total: null,
      failuresTotal: null,
      byJob: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
