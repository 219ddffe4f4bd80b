import type { OneOffJob } from "./one-off-jobs.ts";

export type { OneOffJob };

/** A job that a worker process runs: its name says what to do, its data with what. */
export interface WorkJob {
  name: string;
  data: Record<string, unknown>;
}

export type WorkHandler = (job: WorkJob) => Promise<void>;

/** How many jobs are in each state. */
export interface JobStateCounts {
  /** Due and waiting for a free worker: a backlog here means too few workers. */
  waiting: number;
  active: number;
  /** Scheduled for later: the next round of each repeating job. */
  delayed: number;
  /** Failed jobs the queue keeps (BullMQ keeps the last 500; in-process counts every failure). */
  failed: number;
}

/** A queue's state for operators: `/metrics` reads it at scrape time, `status` shows it. */
export interface QueueCounts {
  /** The queue's name, the `queue` label of its metrics. */
  queue: string;
  kind: WorkQueue["kind"];
  paused: boolean;
  /** All jobs, whatever their name. */
  total: JobStateCounts;
  /** Jobs that ever failed on this queue (a counter, unlike `total.failed`); null when unknown. */
  failuresTotal: number | null;
  /** Per job name (`chain-sync`, `task-results`); only when asked for, as it reads every job. */
  byJob?: Record<string, JobStateCounts>;
}

export interface RepeatingJob extends WorkJob {
  /** Stable id of the schedule: scheduling it again (from any process) replaces, never duplicates. */
  key: string;
  everyMs: number;
}

/**
 * What the workers need from a queue. BullMQ on Redis carries jobs between any number of worker
 * processes; without Redis the in-process queue runs the same handlers on timers.
 */
export interface WorkQueue {
  readonly kind: "bullmq" | "in-process";
  /** Names the queue in metrics and status. */
  readonly name: string;
  scheduleRepeating(job: RepeatingJob): Promise<void>;
  /**
   * Adds jobs that run once, after the repeating ones that are due (they never hold a chain's
   * sync back); a job whose id is already waiting or running is not added again. A job that keeps
   * failing is dropped: its planner adds it again while it is still needed.
   */
  enqueue(jobs: readonly OneOffJob[]): Promise<void>;
  /** Starts taking jobs; `concurrency` jobs of this process may run at once. */
  startProcessing(handler: WorkHandler, concurrency: number): Promise<void>;
  /**
   * Stops every process of this queue from starting jobs, and waits up to `timeoutMs` for the
   * running ones to finish. Schedules keep their place; `resume` starts them again.
   * @returns whether every running job finished in time.
   */
  pause(timeoutMs: number): Promise<boolean>;
  resume(): Promise<void>;
  /** The queue's job counts; `byJob` also breaks them down per job name. */
  counts?(options?: { byJob?: boolean }): Promise<QueueCounts>;
  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void>;
}
