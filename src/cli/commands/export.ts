import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Command, Option } from "commander";
import { ApiInputError } from "../../api/errors.ts";
import { ConfigError } from "../../config/errors.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { ExportOutputError, ExportRequestError, OutputClosedError } from "../../export/errors.ts";
import {
  EXPORT_FORMATS,
  type ExportParameters,
  type ExportRequest,
  parseExportRequest,
} from "../../export/export-request.ts";
import { ExportJobQueue } from "../../export/jobs/export-job-queue.ts";
import { ExportJobWorker } from "../../export/jobs/export-job-worker.ts";
import type { FilterName } from "../../export/kinds/export-kind.ts";
import { EXPORT_KINDS, type ExportKindName } from "../../export/kinds/index.ts";
import { phaseRegistryResolver } from "../../export/phase-resolver.ts";
import { terminalProgress } from "../../export/terminal-progress.ts";
import { checkExportTarget, writeExportFile } from "../../export/write-export-file.ts";
import { PhaseError } from "../../phase/errors.ts";
import { PhaseDatabases } from "../../phase/phase-databases.ts";
import { parsePositiveInt } from "../parse-options.ts";
import { loadRuntime, onShutdown, openRuntimeDatabase, type Runtime } from "../runtime.ts";

/** Flags of the export parameters (commander camel-cases `--from-block` back to `fromBlock`). */
const FILTER_FLAGS: Record<FilterName | "phase", [flags: string, description: string]> = {
  phase: ["--phase <id>", "a phase, archived ones included (default: the serving phase)"],
  chain: ["--chain <ids>", "chain ids, comma-separated or repeated"],
  network: ["--network <name>", "the chains of an indexed network (as in chain_checkpoints)"],
  fromBlock: ["--from-block <n>", "first block (needs exactly one --chain)"],
  toBlock: ["--to-block <n>", "last block (needs exactly one --chain)"],
  from: ["--from <time>", "from this time: unix seconds or ISO 8601"],
  to: ["--to <time>", "until this time: unix seconds or ISO 8601"],
  session: ["--session <ids>", "session ids, comma-separated or repeated"],
  owner: ["--owner <address>", "sessions of this owner"],
  miner: ["--miner <address>", "this miner"],
  status: ["--status <values>", "statuses, comma-separated or repeated"],
};

const collect = (value: string, previous: string[] = []) => [...previous, value];
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

interface ExportCommandOptions {
  format: string;
  out: string;
  job?: boolean;
  [filter: string]: string | string[] | boolean | undefined;
}

/** The caller's mistake on one line, naming the flag (`--to-block: …`), and exit code 2. */
function reportBadRequest(error: unknown): boolean {
  if (!(error instanceof ApiInputError || error instanceof PhaseError)) return false;
  const flag = `--${kebab(error.argument)}`;
  process.stderr.write(`error: ${error.message.replace(`${error.argument}:`, `${flag}:`)}\n`);
  process.exitCode = 2;
  return true;
}

/**
 * Writes the export in this process, with a progress bar on a terminal. Into a device or a pipe
 * (`--out /dev/stdout`), which has no sidecar, the metadata goes to stderr as one JSON line. A
 * reader that closes standard output early (`| head`) ends the export quietly with exit code
 * 141, as SIGPIPE would; an output that fails (a full disk) ends it with the reason, exit code 1.
 */
async function exportToFile(request: ExportRequest, out: string, database: DatabaseHandle) {
  const target = await checkExportTarget(out);
  const phases = new PhaseDatabases(database);
  const progress = terminalProgress();
  let rows: number | undefined;
  try {
    const metadata = await writeExportFile(
      request,
      out,
      { resolvePhaseDatabase: phaseRegistryResolver(phases) },
      { countRows: progress !== undefined, onProgress: (update) => progress?.update(update) },
    );
    rows = metadata.rows;
    if (target.kind !== "file") process.stderr.write(`${JSON.stringify(metadata)}\n`);
  } catch (error) {
    if (error instanceof OutputClosedError) {
      process.exitCode = 141;
      return;
    }
    if (!(error instanceof ExportOutputError)) throw error;
    progress?.stop();
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
    return;
  } finally {
    progress?.stop();
    await phases.close();
  }
  if (progress) process.stderr.write(`wrote ${rows} rows to ${out}\n`);
}

/** Queues the export for an `export worker` and follows the job until it ends. */
async function exportAsJob(
  request: ExportRequest,
  out: string,
  runtime: Runtime,
  database: DatabaseHandle,
) {
  const target = await checkExportTarget(out);
  if (target.kind !== "file") {
    throw new ExportRequestError(
      "out",
      `${out} is a device or a pipe of this machine, which an export worker cannot write: drop --job`,
    );
  }
  const redisUrl = runtime.env.REDIS_URL;
  if (!redisUrl) throw new ConfigError("--job needs REDIS_URL (the queue the export workers take)");
  const phases = new PhaseDatabases(database);
  try {
    await phaseRegistryResolver(phases)(request.phase);
  } finally {
    await phases.close();
  }
  const queue = new ExportJobQueue({
    redisUrl,
    prefix: runtime.env.QUEUE_PREFIX,
    onRedisError: (error) => runtime.logger.warn({ err: error }, "export jobs: Redis unavailable"),
  });
  const progress = terminalProgress();
  try {
    const id = await queue.enqueue(request, target.path);
    if (!progress) process.stdout.write(`queued export job ${id}\n`);
    for (;;) {
      const status = await queue.status(id);
      if (status?.progress) progress?.update(status.progress);
      if (!status || status.state === "failed") {
        progress?.stop();
        process.stderr.write(`error: export job ${id} failed: ${status?.error ?? "it vanished"}\n`);
        process.exitCode = 1;
        return;
      }
      if (status.state === "completed") break;
      await sleep(500);
    }
  } finally {
    progress?.stop();
    await queue.close();
  }
}

function registerKindCommand(parent: Command, kind: ExportKindName): void {
  const { filters, meaning } = EXPORT_KINDS[kind];
  const command = parent
    .command(kind)
    .description(`export ${kind}; --from/--to and block ranges select those where ${meaning.range}`)
    .addOption(
      new Option("--format <format>", "file format").choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .requiredOption(
      "--out <file>",
      "file to write (written beside it, renamed when complete); - or /dev/stdout: standard output",
    )
    .option("--job", "run it on an `export worker` through BullMQ (REDIS_URL) and follow it");
  for (const name of ["phase", ...filters] as const) {
    const [flags, description] = FILTER_FLAGS[name];
    if (/<ids>|<values>/.test(flags)) command.option(flags, description, collect);
    else command.option(flags, description);
  }
  command.action(async (options: ExportCommandOptions) => {
    const { out, job, ...parameters } = options;
    let request: ExportRequest;
    try {
      request = parseExportRequest({ ...(parameters as ExportParameters), kind });
    } catch (error) {
      if (reportBadRequest(error)) return;
      throw error;
    }
    const runtime = loadRuntime({}, { LOG_LEVEL: "warn", ...process.env }, { logsToStderr: true });
    const database = await openRuntimeDatabase(runtime, { migrate: false, existing: true });
    try {
      if (job) await exportAsJob(request, out, runtime, database);
      else await exportToFile(request, out, database);
    } catch (error) {
      if (!reportBadRequest(error)) throw error;
    } finally {
      await database.close();
    }
  });
}

function registerWorkerCommand(parent: Command): void {
  parent
    .command("worker")
    .description(
      "run queued exports (POST /export/jobs, `export --job`) until stopped; needs REDIS_URL",
    )
    .requiredOption("--dir <directory>", "where exports that name no file are written")
    .option(
      "--concurrency <n>",
      "exports at once (each holds a database connection)",
      parsePositiveInt,
      1,
    )
    .action(async (options: { dir: string; concurrency: number }) => {
      const runtime = loadRuntime({}, process.env);
      const redisUrl = runtime.env.REDIS_URL;
      if (!redisUrl) throw new ConfigError("export worker needs REDIS_URL");
      const database = await openRuntimeDatabase(runtime, { migrate: false, existing: true });
      const phases = new PhaseDatabases(database);
      const worker = new ExportJobWorker({
        redisUrl,
        prefix: runtime.env.QUEUE_PREFIX,
        directory: resolve(options.dir),
        dependencies: { resolvePhaseDatabase: phaseRegistryResolver(phases) },
        concurrency: options.concurrency,
        logger: runtime.logger,
      });
      await worker.start();
      runtime.logger.info({ directory: resolve(options.dir) }, "export worker started");
      onShutdown(runtime.logger, async () => {
        await worker.close();
        await phases.close();
        await database.close();
      });
    });
}

/**
 * `cortensor-indexer export sessions|tasks|miners|events --format csv|ndjson|parquet --out FILE
 * [filters]`, and `export worker` to run queued export jobs.
 */
export function registerExportCommand(program: Command): void {
  const parent = program
    .command("export")
    .description("export sessions, task histories, miners or raw events as CSV, NDJSON or Parquet");
  for (const kind of Object.keys(EXPORT_KINDS) as ExportKindName[])
    registerKindCommand(parent, kind);
  registerWorkerCommand(parent);
}
