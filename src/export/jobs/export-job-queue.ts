import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { reportRedisOutages } from "../../observability/redis-outages.ts";
import type { ExportRequest } from "../export-request.ts";
import {
  EXPORT_QUEUE_NAME,
  type ExportJobData,
  type ExportJobProgress,
  type ExportJobResult,
  requestParameters,
} from "./export-job.ts";

/** Where a queued export is, as `GET /export/jobs/:id` shows it. */
export interface ExportJobStatus {
  id: string;
  /** BullMQ's state: waiting, active, completed, failed, delayed… */
  state: string;
  parameters: Record<string, string>;
  progress: ExportJobProgress | null;
  result: ExportJobResult | null;
  error: string | null;
}

export interface ExportJobQueueOptions {
  redisUrl: string;
  /** Redis key prefix, shared with the workers that take the jobs. */
  prefix?: string;
  /** Told when Redis fails, once per outage. */
  onRedisError?: (error: Error) => void;
}

/** Finished jobs are kept this long for their status and file to be fetched. */
const KEEP_FINISHED_SECONDS = 24 * 60 * 60;

/**
 * The producer side of export jobs (API, CLI): enqueues validated requests and reports where they
 * are. `ExportJobWorker` takes them in any process with the same Redis and prefix.
 */
export class ExportJobQueue {
  private readonly connection: Redis;
  private readonly queue: Queue<ExportJobData, ExportJobResult>;

  constructor(options: ExportJobQueueOptions) {
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue(EXPORT_QUEUE_NAME, {
      connection: this.connection,
      prefix: options.prefix,
    });
    reportRedisOutages(this.connection, options.onRedisError)(this.queue);
  }

  /** Queues an export; the request must be validated (and its phase resolved) already. */
  async enqueue(request: ExportRequest, out?: string): Promise<string> {
    const data: ExportJobData = { parameters: requestParameters(request), ...(out ? { out } : {}) };
    const job = await this.queue.add(request.kind, data, {
      // An export that failed half-way is not retried on its own: its caller decides.
      attempts: 1,
      removeOnComplete: { age: KEEP_FINISHED_SECONDS },
      removeOnFail: { age: KEEP_FINISHED_SECONDS },
    });
    if (!job.id) throw new Error("BullMQ gave the export job no id");
    return job.id;
  }

  /** The job's state, progress and result; undefined for an unknown (or expired) id. */
  async status(id: string): Promise<ExportJobStatus | undefined> {
    // State first, then the job: a job read before its state could be the last progress of an
    // active run, paired with a "completed" read a moment later. Once finished, the job's hash
    // holds its final progress and result.
    const state = await this.queue.getJobState(id);
    const job = await this.queue.getJob(id);
    if (!job || state === "unknown") return undefined;
    const progress = typeof job.progress === "object" ? (job.progress as ExportJobProgress) : null;
    return {
      id,
      state,
      parameters: job.data.parameters,
      progress,
      result: job.returnvalue ?? null,
      error: job.failedReason ?? null,
    };
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
