import { setTimeout as sleep } from "node:timers/promises";
import { emptyJobStateCounts, sumJobStateCounts } from "./job-state-counts.ts";
import type {
  JobStateCounts,
  QueueCounts,
  RepeatingJob,
  WorkHandler,
  WorkQueue,
} from "./work-queue.ts";

/**
 * The work queue without Redis, for the embedded default: each schedule is a loop in this process
 * that runs the job, waits `everyMs`, and runs it again. A failing job is reported and retried on
 * the next round, as BullMQ would.
 */
export class InProcessWorkQueue implements WorkQueue {
  readonly kind = "in-process";
  readonly name = "in-process";
  private readonly schedules = new Map<string, RepeatingJob>();
  private readonly loops: Promise<void>[] = [];
  private readonly abort = new AbortController();
  private handler: WorkHandler | undefined;
  private paused = false;
  private active = 0;
  /** Running jobs and failures so far, per job name. */
  private readonly jobCounts = new Map<string, JobStateCounts>();

  constructor(private readonly onError: (job: RepeatingJob, error: unknown) => void = () => {}) {}

  async scheduleRepeating(job: RepeatingJob): Promise<void> {
    const known = this.schedules.has(job.key);
    this.schedules.set(job.key, job);
    if (!known && this.handler) this.loops.push(this.runLoop(job.key));
  }

  async startProcessing(handler: WorkHandler): Promise<void> {
    this.handler = handler;
    for (const key of this.schedules.keys()) this.loops.push(this.runLoop(key));
  }

  private async runLoop(key: string): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      const job = this.schedules.get(key);
      if (!job || !this.handler) return;
      if (!this.paused) {
        this.active += 1;
        const counts = this.countsOf(job.name);
        counts.active += 1;
        try {
          await this.handler({ name: job.name, data: job.data });
        } catch (error) {
          counts.failed += 1;
          this.onError(job, error);
        } finally {
          this.active -= 1;
          counts.active -= 1;
        }
      }
      await sleep(job.everyMs, undefined, { signal }).catch(() => {});
    }
  }

  async pause(timeoutMs: number): Promise<boolean> {
    this.paused = true;
    const deadline = Date.now() + timeoutMs;
    while (this.active > 0 && Date.now() < deadline) await sleep(20);
    return this.active === 0;
  }

  async resume(): Promise<void> {
    this.paused = false;
  }

  private countsOf(name: string): JobStateCounts {
    let counts = this.jobCounts.get(name);
    if (!counts) {
      counts = emptyJobStateCounts();
      this.jobCounts.set(name, counts);
    }
    return counts;
  }

  /**
   * This process's jobs: a schedule is active while its job runs and delayed while it sleeps
   * (or waiting before processing starts); `failed` counts every failure so far.
   */
  async counts(options: { byJob?: boolean } = {}): Promise<QueueCounts> {
    const schedules = [...this.schedules.values()];
    const byJob: Record<string, JobStateCounts> = {};
    for (const name of new Set([...schedules.map((job) => job.name), ...this.jobCounts.keys()])) {
      const scheduled = schedules.filter((job) => job.name === name).length;
      const { active, failed } = this.jobCounts.get(name) ?? emptyJobStateCounts();
      byJob[name] = {
        waiting: this.handler ? 0 : scheduled,
        active,
        delayed: this.handler ? Math.max(0, scheduled - active) : 0,
        failed,
      };
    }
    const total = sumJobStateCounts(Object.values(byJob));
    return {
      queue: this.name,
      kind: this.kind,
      paused: this.paused,
      total,
      failuresTotal: total.failed,
      ...(options.byJob ? { byJob } : {}),
    };
  }

  async close(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }
}
