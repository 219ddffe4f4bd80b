import { Gauge, type Registry } from "prom-client";
import { JOB_STATES } from "../queue/job-state-counts.ts";
import type { WorkQueue } from "../queue/work-queue.ts";

/**
 * Gauges of a queue's state, read from the queue at scrape time. One `counts()` call per scrape
 * fills them all; when it fails (Redis down) `cortensor_queue_up` says so and the scrape still
 * answers, so the chain gauges stay visible.
 */
export function registerQueueGauges(registry: Registry, queue: WorkQueue): void {
  if (!queue.counts) return;
  const counts = queue.counts.bind(queue);
  // Registered first: the registry collects in registration order, so the rest are filled below.
  new Gauge({
    name: "cortensor_queue_up",
    help: "1 when the work queue answered this scrape",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      jobs.reset();
      paused.reset();
      failures.reset();
      const labels = { queue: queue.name };
      try {
        const state = await counts();
        this.set(labels, 1);
        for (const name of JOB_STATES) jobs.set({ ...labels, state: name }, state.total[name]);
        paused.set(labels, state.paused ? 1 : 0);
        if (state.failuresTotal !== null) failures.set(labels, state.failuresTotal);
      } catch {
        this.set(labels, 0);
      }
    },
  });
  const jobs = new Gauge({
    name: "cortensor_queue_jobs",
    help: "Jobs in the work queue by state (waiting, active, delayed, failed = failed jobs kept)",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
  });
  const paused = new Gauge({
    name: "cortensor_queue_paused",
    help: "1 while the work queue is paused (a reset in progress)",
    labelNames: ["queue"] as const,
    registers: [registry],
  });
  // A gauge holding Redis's counter: rate() over it works as over a counter.
  const failures = new Gauge({
    name: "cortensor_queue_job_failures_total",
    help: "Jobs that failed on the work queue, all worker processes together (BullMQ's counter in Redis)",
    labelNames: ["queue"] as const,
    registers: [registry],
  });
}
