import { setTimeout as sleep } from "node:timers/promises";
import { MetricsTime, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { reportRedisOutages, type WatchRedisErrors } from "../observability/redis-outages.ts";
import { DeadlineExceededError, withDeadline } from "../observability/with-deadline.ts";
import { countJobsByName, JOB_STATES, toJobStateCounts } from "./job-state-counts.ts";
import { jobWithLostLock, tellLostLocksOnce } from "./lost-job-locks.ts";
import type {
  OneOffJob,
  QueueCounts,
  RepeatingJob,
  WorkHandler,
  WorkJob,
  WorkQueue,
} from "./work-queue.ts";

/** Below every repeating job (those carry no priority, which BullMQ serves first). */
const ONE_OFF_PRIORITY = 10;
/** How often a process checks that the repeating jobs it scheduled will run again. */
const SCHEDULE_CHECK_MS = 30_000;

export interface BullmqWorkQueueOptions {
  redisUrl: string;
  /** Queue name; one per deployment. */
  name?: string;
  /** Redis key prefix, so several deployments (or tests) can share one Redis. */
  prefix?: string;
  /** How often the schedules are checked (default SCHEDULE_CHECK_MS, give or take a quarter). */
  scheduleCheckMs?: number;
  /**
   * Told when Redis fails, once per outage (not at every reconnection attempt); jobs wait until
   * it is back.
   */
  onRedisError?: (error: Error) => void;
  /**
   * Told, once per job, when a job running here lost its lock (BullMQ could not renew it, or the
   * job settled after it had expired): the process was too slow or frozen, and another worker may
   * run the job. Redis itself is fine then, so onRedisError is not told.
   */
  onJobLockLost?: (error: Error) => void;
  /** Told when a check found a schedule that would never run again, and scheduled it anew. */
  onScheduleRepaired?: (key: string, reason: ScheduleFault) => void;
  /** How long close() waits for running jobs (default ACTIVE_JOBS_GRACE_MS). */
  activeJobsGraceMs?: number;
  /** Told by close() of the jobs still running when the grace ran out, left to other workers. */
  onJobsLeftRunning?: (jobs: RunningJob[]) => void;
}

/** A job running in this process, for telling which ones a shutdown left behind. */
export interface RunningJob {
  id: string;
  name: string;
  data: Record<string, unknown>;
  /** How long it had run, in milliseconds. */
  runningMs: number;
}

/** How long closing waits for the jobs running here: within a shutdown's deadline. */
export const ACTIVE_JOBS_GRACE_MS = 15_000;

/**
 * What can stop a repeating job: Redis lost its schedule (a restart without persistence, a
 * failover to an empty replica, an eviction policy), or the schedule's next job, which BullMQ
 * creates as the one before it starts, is gone or already settled.
 */
export type ScheduleFault = "schedule missing" | "next run missing";

/** The work queue on BullMQ: schedules live in Redis and any worker process may take a job. */
export class BullmqWorkQueue implements WorkQueue {
  readonly kind = "bullmq";
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;
  /** What this process scheduled, by key: what its checks keep scheduled. */
  private readonly repeating = new Map<string, RepeatingJob>();
  private scheduleCheck: NodeJS.Timeout | undefined;
  /** The jobs running here, with when each started. */
  private readonly running = new Map<string, { job: WorkJob; startedAt: number }>();
  /** Adds a source of the errors told to onRedisError, once per outage. */
  private readonly watchRedisErrors: WatchRedisErrors;

  constructor(private readonly options: BullmqWorkQueueOptions) {
    // BullMQ requires maxRetriesPerRequest: null on the connection its workers block on.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue(this.name, { connection: this.connection, prefix: options.prefix });
    this.watchRedisErrors = reportRedisOutages(this.connection, options.onRedisError);
    this.watchRedisErrors(this.queue);
  }

  get name(): string {
    return this.options.name ?? "cortensor-indexer";
  }

  /**
   * Upserts the schedule, and from then on checks now and then that it will run again (see
   * ScheduleFault): the chains' jobs are the only thing that keeps the workers indexing, and
   * nothing else would notice them gone.
   */
  async scheduleRepeating(job: RepeatingJob): Promise<void> {
    this.repeating.set(job.key, job);
    await this.upsertSchedule(job);
    this.checkSchedulesLater();
  }

  private async upsertSchedule(job: RepeatingJob): Promise<void> {
    await this.queue.upsertJobScheduler(
      job.key,
      { every: job.everyMs },
      {
        name: job.name,
        data: job.data,
        opts: { removeOnComplete: 100, removeOnFail: 500 },
      },
    );
  }

  /** Null while `key` will run again; else why it will not. */
  private async scheduleFault(key: string): Promise<ScheduleFault | null> {
    const schedule = await this.queue.getJobScheduler(key);
    // For an id with a colon, BullMQ answers a schedule it lacks with fields parsed from the id
    // (legacy repeatable jobs), without `every` or `next`: ours always have both.
    if (!schedule?.every || schedule.next === undefined) return "schedule missing";
    // The id BullMQ gives a schedule's next job.
    const state = await this.queue.getJobState(`repeat:${key}:${schedule.next}`);
    if (state !== "unknown" && state !== "completed" && state !== "failed") return null;
    // The job may have run and handed over to the next one in between: look again.
    const again = await this.queue.getJobScheduler(key);
    return again?.next === schedule.next ? "next run missing" : null;
  }

  private checkSchedulesLater(): void {
    if (this.scheduleCheck) return;
    const every = this.options.scheduleCheckMs ?? SCHEDULE_CHECK_MS;
    // Spread over time, so that processes that started together do not repair at once.
    this.scheduleCheck = setTimeout(
      () => {
        this.checkSchedules()
          .catch(() => {})
          .finally(() => {
            this.scheduleCheck = undefined;
            if (this.repeating.size > 0) this.checkSchedulesLater();
          });
      },
      every * (0.75 + Math.random() / 2),
    );
    this.scheduleCheck.unref();
  }

  /** Schedules anew each of this process's repeating jobs that would not run again. */
  private async checkSchedules(): Promise<void> {
    for (const job of this.repeating.values()) {
      const fault = await this.scheduleFault(job.key);
      if (!fault) continue;
      await this.upsertSchedule(job);
      this.options.onScheduleRepaired?.(job.key, fault);
    }
  }

  async enqueue(jobs: readonly OneOffJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: job.name,
        data: job.data,
        opts: {
          jobId: job.id,
          priority: ONE_OFF_PRIORITY,
          attempts: 3,
          backoff: { type: "exponential", delay: 1_000 },
          // Gone once settled, so that a planner can add the same id again if still needed.
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  async startProcessing(handler: WorkHandler, concurrency: number): Promise<void> {
    // Workers block on their connection: they get one of their own.
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker(
      this.name,
      async (job) => {
        const work = { name: job.name, data: job.data as Record<string, unknown> };
        // BullMQ gives every job an id; the key only has to be unique among running jobs.
        const key = job.id ?? `${job.name}@${Date.now()}`;
        this.running.set(key, { job: work, startedAt: Date.now() });
        try {
          return await handler(work);
        } finally {
          this.running.delete(key);
        }
      },
      {
        connection: this.workerConnection,
        prefix: this.options.prefix,
        concurrency,
        // A job of a process that died goes back to the queue after at most about 15 s (BullMQ's
        // defaults: 60 s): its fetch may be all a projector waits for. Running jobs renew their
        // lock every 5 s, from a timer that no batch blocks for that long.
        lockDuration: 10_000,
        stalledInterval: 5_000,
        // BullMQ's metrics keep a failure counter in Redis that every worker process adds to.
        metrics: { maxDataPoints: MetricsTime.ONE_HOUR },
      },
    );
    this.watchRedisErrors(this.worker, (error) => jobWithLostLock(error) !== null);
    this.worker.on("error", tellLostLocksOnce(this.options.onJobLockLost));
    await this.worker.waitUntilReady();
  }

  /** BullMQ's global pause: no worker of any process takes a job until `resume`. */
  async pause(timeoutMs: number): Promise<boolean> {
    await this.queue.pause();
    const deadline = Date.now() + timeoutMs;
    while ((await this.queue.getActiveCount()) > 0) {
      if (Date.now() >= deadline) return false;
      await sleep(100);
    }
    return true;
  }

  async resume(): Promise<void> {
    await this.queue.resume();
  }

  /** Counts read from Redis: every process of the deployment reports the same numbers. */
  async counts(options: { byJob?: boolean } = {}): Promise<QueueCounts> {
    const [total, failed, paused] = await Promise.all([
      this.queue.getJobCounts(...JOB_STATES),
      this.queue.getMetrics("failed", 0, 0),
      this.queue.isPaused(),
    ]);
    const counts: QueueCounts = {
      queue: this.name,
      kind: this.kind,
      paused,
      total: toJobStateCounts(total),
      failuresTotal: failed.meta.count,
    };
    if (options.byJob) {
      // Waiting, active and delayed hold about one job per schedule; failed keeps at most 500.
      const jobs = await Promise.all(
        JOB_STATES.map(async (state) => ({
          state,
          names: (await this.queue.getJobs([state], 0, 999)).flatMap((job) => job?.name ?? []),
        })),
      );
      counts.byJob = countJobsByName(jobs);
    }
    return counts;
  }

  private runningJobs(): RunningJob[] {
    const now = Date.now();
    return [...this.running].map(([id, { job, startedAt }]) => ({
      id,
      ...job,
      runningMs: now - startedAt,
    }));
  }

  async close(): Promise<void> {
    this.repeating.clear();
    clearTimeout(this.scheduleCheck);
    // Running jobs get a while to finish; one that never settles (its connections cut off under
    // it) must not hold the process: left running, its lock expires and another worker runs it.
    if (this.worker) {
      const grace = this.options.activeJobsGraceMs ?? ACTIVE_JOBS_GRACE_MS;
      await withDeadline(this.worker.close(), grace, "the running jobs").catch((error) => {
        if (!(error instanceof DeadlineExceededError)) throw error;
        this.options.onJobsLeftRunning?.(this.runningJobs());
      });
    }
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }
}
