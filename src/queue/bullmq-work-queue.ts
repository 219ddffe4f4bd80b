import { setTimeout as sleep } from "node:timers/promises";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { RepeatingJob, WorkHandler, WorkQueue } from "./work-queue.ts";

export interface BullmqWorkQueueOptions {
  redisUrl: string;
  /** Queue name; one per deployment. */
  name?: string;
  /** Redis key prefix, so several deployments (or tests) can share one Redis. */
  prefix?: string;
}

/** The work queue on BullMQ: schedules live in Redis and any worker process may take a job. */
export class BullmqWorkQueue implements WorkQueue {
  readonly kind = "bullmq";
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;

  constructor(private readonly options: BullmqWorkQueueOptions) {
    // BullMQ requires maxRetriesPerRequest: null on the connection its workers block on.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue(this.queueName, { connection: this.connection, prefix: options.prefix });
  }

  private get queueName(): string {
    return this.options.name ?? "cortensor-indexer";
  }

  async scheduleRepeating(job: RepeatingJob): Promise<void> {
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

  async startProcessing(handler: WorkHandler, concurrency: number): Promise<void> {
    // Workers block on their connection: they get one of their own.
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker(
      this.queueName,
      (job) => handler({ name: job.name, data: job.data as Record<string, unknown> }),
      { connection: this.workerConnection, prefix: this.options.prefix, concurrency },
    );
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

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }
}
