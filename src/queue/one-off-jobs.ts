import type { WorkJob } from "./work-queue.ts";

/** A job to run once, by any process; its id makes adding it again while it waits or runs a no-op. */
export interface OneOffJob extends WorkJob {
  id: string;
}

/**
 * Runs one-off jobs in this process, `concurrency` at a time, in the order added; a job whose id
 * is waiting or running is not added twice. A failure is reported and the job dropped: whoever
 * planned it plans it again if it is still needed (as BullMQ does after the last attempt).
 */
export class OneOffJobRunner {
  private readonly waiting: OneOffJob[] = [];
  private readonly known = new Set<string>();
  private running = 0;
  private paused = false;
  private idle: Promise<void> = Promise.resolve();
  private settleIdle: (() => void) | undefined;

  constructor(
    private readonly run: (job: OneOffJob) => Promise<void>,
    private readonly concurrency: number,
    private readonly onError: (job: OneOffJob, error: unknown) => void = () => {},
  ) {}

  /** Jobs running now. */
  get active(): number {
    return this.running;
  }

  add(jobs: readonly OneOffJob[]): void {
    for (const job of jobs) {
      if (this.known.has(job.id)) continue;
      this.known.add(job.id);
      this.waiting.push(job);
    }
    this.pump();
  }

  /** Stops starting jobs; running ones go on. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Settles once no job runs (waiting ones stay). */
  whenIdle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : this.idle;
  }

  private pump(): void {
    while (!this.paused && this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as OneOffJob;
      if (this.running === 0) {
        this.idle = new Promise((resolve) => {
          this.settleIdle = resolve;
        });
      }
      this.running += 1;
      this.run(job)
        .catch((error: unknown) => this.onError(job, error))
        .finally(() => {
          this.running -= 1;
          this.known.delete(job.id);
          if (this.running === 0) this.settleIdle?.();
          this.pump();
        });
    }
  }
}
