/** A job that a worker process runs: its name says what to do, its data with what. */
export interface WorkJob {
  name: string;
  data: Record<string, unknown>;
}

export type WorkHandler = (job: WorkJob) => Promise<void>;

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
  scheduleRepeating(job: RepeatingJob): Promise<void>;
  /** Starts taking jobs; `concurrency` jobs of this process may run at once. */
  startProcessing(handler: WorkHandler, concurrency: number): Promise<void>;
  /**
   * Stops every process of this queue from starting jobs, and waits up to `timeoutMs` for the
   * running ones to finish. Schedules keep their place; `resume` starts them again.
   * @returns whether every running job finished in time.
   */
  pause(timeoutMs: number): Promise<boolean>;
  resume(): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void>;
}
