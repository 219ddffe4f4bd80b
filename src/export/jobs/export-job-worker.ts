import { join } from "node:path";
import { type Job, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { reportRedisOutages } from "../../observability/redis-outages.ts";
import { parseExportRequest } from "../export-request.ts";
import type { ExportDependencies } from "../open-export.ts";
import { type ExportProgress, writeExportFile } from "../write-export-file.ts";
import {
  EXPORT_QUEUE_NAME,
  type ExportJobData,
  type ExportJobProgress,
  type ExportJobResult,
} from "./export-job.ts";

/** Job progress goes to Redis at most this often, unless the worker is told otherwise. */
const PROGRESS_INTERVAL_MS = 1000;

export interface ExportJobWorkerOptions {
  redisUrl: string;
  prefix?: string;
  /** Where files of jobs that name none are written. */
  directory: string;
  dependencies: ExportDependencies;
  /** Exports this process runs at once (each holds a database connection). */
  concurrency?: number;
  /** How often a job's progress is written to Redis at most (ms, default 1000). */
  progressIntervalMs?: number;
  logger: Logger;
}

function jobProgress(progress: ExportProgress): ExportJobProgress {
  return {
    rows: progress.rows,
    totalRows: progress.totalRows ?? null,
    elapsedMs: Math.round(progress.elapsedMs),
  };
}

/**
 * Runs queued exports: each writes its file (atomically, see writeExportFile) and reports rows
 * written and the total as the job's progress; the job's result is the file and its metadata.
 */
export class ExportJobWorker {
  private worker: Worker<ExportJobData, ExportJobResult> | undefined;
  private connection: Redis | undefined;

  constructor(private readonly options: ExportJobWorkerOptions) {}

  private async run(job: Job<ExportJobData, ExportJobResult>): Promise<ExportJobResult> {
    const request = parseExportRequest(job.data.parameters);
    const file = job.data.out ?? join(this.options.directory, `export-${job.id}.${request.format}`);
    let reportedAt = 0;
    let last: ExportProgress | undefined;
    let reporting: Promise<void> = Promise.resolve();
    const metadata = await writeExportFile(request, file, this.options.dependencies, {
      countRows: true,
      onProgress: (progress) => {
        last = progress;
        const now = Date.now();
        if (now - reportedAt < (this.options.progressIntervalMs ?? PROGRESS_INTERVAL_MS)) return;
        reportedAt = now;
        reporting = reporting.then(() => job.updateProgress(jobProgress(progress)));
      },
    });
    await reporting;
    // The last chunk's progress, which throttling may have skipped: the job ends at 100 %.
    if (last) await job.updateProgress(jobProgress(last));
    this.options.logger.info({ job: job.id, file, rows: metadata.rows }, "export job done");
    return { file, metadata };
  }

  async start(): Promise<void> {
    this.connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.worker = new Worker(EXPORT_QUEUE_NAME, (job) => this.run(job), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency ?? 1,
    });
    reportRedisOutages(this.connection, (error) =>
      this.options.logger.warn({ err: error }, "export jobs: Redis unavailable"),
    )(this.worker);
    this.worker.on("failed", (job, error) =>
      this.options.logger.warn({ job: job?.id, err: error }, "export job failed"),
    );
    await this.worker.waitUntilReady();
  }

  /** Stops taking jobs and waits for the running ones. */
  async close(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
  }
}
