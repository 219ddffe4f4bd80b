import { setTimeout as sleep } from "node:timers/promises";
import { emptyJobStateCounts, sumJobStateCounts } from "./job-state-counts.ts";
import { OneOffJobRunner } from "./one-off-jobs.ts";
import type {
  JobStateCounts,
  OneOffJob,
  QueueCounts,
  RepeatingJob,
  WorkHandler,
  WorkJob,
  WorkQueue,
} from "./work-queue.ts";

/** One-off jobs (fetches) running at once in this process. */
const ONE_OFF_CONCURRENCY = 2;

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

  private readonly oneOff: OneOffJobRunner;

  constructor(private readonly onError: (job: WorkJob, error: unknown) => void = () => {}) {
    this.oneOff = new OneOffJobRunner(
      (job) => this.runCounted(job),
      ONE_OFF_CONCURRENCY,
      (job, error) => this.onError(job, error),
    );
    // Held until processing starts, like BullMQ's waiting jobs.
    this.oneOff.pause();
  }

  async enqueue(jobs: readonly OneOffJob[]): Promise<void> {
    this.oneOff.add(jobs);
  }

  async scheduleRepeating(job: RepeatingJob): Promise<void> {
    const known = this.schedules.has(job.key);
    this.schedules.set(job.key, job);
    if (!known && this.handler) this.loops.push(this.runLoop(job.key));
  }

  async startProcessing(handler: WorkHandler): Promise<void> {
    this.handler = handler;
    if (!this.paused) this.oneOff.resume();
    for (const key of this.schedules.keys()) this.loops.push(this.runLoop(key));
  }

  private async runLoop(key: string): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      const job = this.schedules.get(key);
      if (!job || !this.handler) return;
      if (!this.paused) {
        await this.runCounted({ name: job.name, data: job.data }).catch((error: unknown) =>
          this.onError(job, error),
        );
      }
      await sleep(job.everyMs, undefined, { signal }).catch(() => {});
    }
  }

  /** Runs a job through the handler, counted as active while it runs and as failed if it throws. */
  private async runCounted(job: WorkJob): Promise<void> {
    if (!this.handler) throw new Error("the queue is not processing");
    this.active += 1;
    const counts = this.countsOf(job.name);
    counts.active += 1;
    try {
      await this.handler(job);
    } catch (error) {
      counts.failed += 1;
      throw error;
    } finally {
      this.active -= 1;
      counts.active -= 1;
    }
  }

  async pause(timeoutMs: number): Promise<boolean> {
    this.paused = true;
    this.oneOff.pause();
    const deadline = Date.now() + timeoutMs;
    while (this.active > 0 && Date.now() < deadline) await sleep(20);
    return this.active === 0;
  }

  async resume(): Promise<void> {
    this.paused = false;
    if (this.handler) this.oneOff.resume();
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
    this.oneOff.pause();
    await Promise.all([...this.loops, this.oneOff.whenIdle()]);
  }
}
