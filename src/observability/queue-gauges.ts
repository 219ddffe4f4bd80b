import type { Registry } from "prom-client";
import { JOB_STATES } from "../queue/job-state-counts.ts";
import type { QueueCounts, WorkQueue } from "../queue/work-queue.ts";
import { registerSnapshotGauges } from "./snapshot-gauges.ts";
import { withDeadline } from "./with-deadline.ts";

/** Longest a scrape waits for the queue's counts. */
const QUEUE_COUNTS_TIMEOUT_MS = 2_000;

/**
 * Gauges of a queue's state, read from the queue at scrape time (one `counts()` per scrape).
 * When the queue fails or hangs (Redis down) `cortensor_queue_up` is 0, the others are absent,
 * and the scrape still answers, so the chain gauges stay visible.
 */
export function registerQueueGauges(registry: Registry, queue: WorkQueue): void {
  if (!queue.counts) return;
  const counts = queue.counts.bind(queue);
  const labels = { queue: queue.name };
  const read = (): Promise<QueueCounts | null> =>
    withDeadline(counts(), QUEUE_COUNTS_TIMEOUT_MS, "the work queue").catch(() => null);
  registerSnapshotGauges(registry, read, [
    {
      name: "cortensor_queue_up",
      help: "1 when the work queue answered this scrape",
      labelNames: ["queue"],
      fill: (gauge, state) => gauge.set(labels, state ? 1 : 0),
    },
    {
      name: "cortensor_queue_jobs",
      help: "Jobs in the work queue by state (waiting, active, delayed, failed = failed jobs kept)",
      labelNames: ["queue", "state"],
      fill: (gauge, state) => {
        for (const name of JOB_STATES) {
          if (state) gauge.set({ ...labels, state: name }, state.total[name]);
        }
      },
    },
    {
      name: "cortensor_queue_paused",
      help: "1 while the work queue is paused (a reset in progress)",
      labelNames: ["queue"],
      fill: (gauge, state) => {
        if (state) gauge.set(labels, state.paused ? 1 : 0);
      },
    },
    {
      // A gauge carrying Redis's counter: rate() and increase() work on it as on a counter.
      name: "cortensor_queue_job_failures_total",
      help: "Jobs that failed on the work queue, all worker processes together (BullMQ's counter in Redis)",
      labelNames: ["queue"],
      fill: (gauge, state) => {
        if (state?.failuresTotal != null) gauge.set(labels, state.failuresTotal);
      },
    },
  ]);
}
