import { type RuntimeEnv, readRuntimeEnv } from "../config/env.ts";
import { ConfigError } from "../config/errors.ts";
import {
  type LoadNetworkOptions,
  loadNetwork,
  type NetworkConfig,
} from "../config/load-network.ts";
import { type DatabaseHandle, openDatabase } from "../db/client.ts";
import { phases } from "../db/control-schema/index.ts";
import { newWorkerApplicationName, startPresence } from "../db/process-presence.ts";
import { sqlStateOf, UNDEFINED_TABLE } from "../db/sql-state.ts";
import { createLogger, describeUrl, type Logger } from "../logger/create-logger.ts";
import { Metrics } from "../observability/metrics.ts";
import { migratePhaseSchemas } from "../phase/migrate-phase-schemas.ts";
import { PhaseDatabases } from "../phase/phase-databases.ts";
import { parsePhaseId } from "../phase/phase-id.ts";
import { ensureInitialPhase } from "../phase/phase-store.ts";
import { BullmqWorkQueue } from "../queue/bullmq-work-queue.ts";
import { InProcessWorkQueue } from "../queue/in-process-work-queue.ts";
import type { WorkQueue } from "../queue/work-queue.ts";
import { resumeUnfinishedResets } from "../reset/run-reset.ts";

/** Options every command shares. */
export interface CommonOptions {
  network?: string;
  startBlock?: Map<number, bigint>;
}

export interface Runtime {
  env: RuntimeEnv;
  /** The raw environment, for what is read per chain (`RPC_URL_<chainId>`). */
  processEnv: NodeJS.ProcessEnv;
  logger: Logger;
  network: NetworkConfig;
}

/** Reads the environment and the network file; nothing is opened yet. */
export function loadRuntime(
  options: CommonOptions,
  env = process.env,
  { logsToStderr = false }: { logsToStderr?: boolean } = {},
): Runtime {
  const runtimeEnv = readRuntimeEnv(env);
  // Commands that answer on stdout (JSON for scripts) keep their logs out of it.
  const logger = createLogger(runtimeEnv.LOG_LEVEL, logsToStderr ? 2 : 1);
  const loadOptions: LoadNetworkOptions = { env, startBlocks: options.startBlock };
  const network = loadNetwork(options.network ?? runtimeEnv.CORTENSOR_NETWORK, loadOptions);
  return { env: runtimeEnv, processEnv: env, logger, network };
}

/** Whether the indexer's tables exist: the control schema's phases, made by the first migration. */
async function hasIndexerTables(database: DatabaseHandle): Promise<boolean> {
  try {
    await database.db.select({ id: phases.id }).from(phases).limit(1);
    return true;
  } catch (error) {
    if (sqlStateOf(error) === UNDEFINED_TABLE) return false;
    throw error;
  }
}

/**
 * Opens the database (Postgres with DATABASE_URL, else embedded PGlite) and optionally migrates.
 * With `existing`, a database the indexer never migrated is refused with an operator's error
 * (a ConfigError) rather than failing at the command's first query.
 */
export async function openRuntimeDatabase(
  runtime: Runtime,
  {
    migrate,
    existing = false,
    worker = false,
  }: {
    migrate: boolean;
    existing?: boolean;
    /** A process that indexes: its sessions are ended by the others should it go silent. */
    worker?: boolean;
  },
): Promise<DatabaseHandle> {
  const { env, logger } = runtime;
  const applicationName = worker && env.DATABASE_URL ? newWorkerApplicationName() : undefined;
  const opened = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    applicationName,
  });
  const database = applicationName ? withPresence(opened, applicationName, logger) : opened;
  const where =
    database.driver === "postgres"
      ? describeUrl(env.DATABASE_URL ?? "")
      : `embedded PGlite in ${env.DATA_DIR}`;
  logger.info({ database: where }, "database opened");
  if (migrate) await migratePhaseSchemas(database);
  else if (existing && !(await hasIndexerTables(database))) {
    await database.close();
    throw new ConfigError(
      `the database (${where}) holds no cortensor-indexer tables: run \`cortensor-indexer migrate\` first (a worker or \`start\` migrates it too)`,
    );
  }
  return database;
}

/** The handle, keeping the process's presence (db/process-presence.ts) until it is closed. */
function withPresence(
  database: DatabaseHandle,
  applicationName: string,
  logger: Logger,
): DatabaseHandle {
  // A connection of its own: the presence must not take one of the pool's for good.
  const client = database.openConnection?.();
  if (!client) return database;
  const presence = startPresence(client, applicationName, {
    onSwept: (pids) =>
      logger.warn(
        { serverPids: pids },
        "ended the database sessions of a worker that went silent (frozen or cut off)",
      ),
    onLost: (error) =>
      logger.warn({ err: error }, "lost this worker's presence session: opening it again"),
    onSweepFailed: (error) =>
      logger.warn(
        { err: error },
        "cannot end the sessions of silent workers (the database role lacks the right): a frozen worker's locks stay until it thaws",
      ),
  });
  return {
    ...database,
    close: async () => {
      await presence.stop();
      await client.end({ timeout: 5 });
      await database.close();
    },
  };
}

/** Records the first phase of a new index (a no-op afterwards) and finishes interrupted resets. */
export async function preparePhases(
  runtime: Runtime,
  database: DatabaseHandle,
  queue?: WorkQueue,
): Promise<void> {
  const initialPhase = parsePhaseId("CORTENSOR_PHASE", runtime.env.CORTENSOR_PHASE);
  await ensureInitialPhase(database.db, initialPhase, runtime.network);
  await resumeUnfinishedResets({ database, queue, logger: runtime.logger });
}

/** Per-phase handles and metrics whose chain gauges follow the indexing phase. */
export function openPhaseRuntime(database: DatabaseHandle) {
  const phases = new PhaseDatabases(database);
  const metrics = new Metrics(async () => (await phases.indexing()).db);
  return { phases, metrics };
}

/** BullMQ when REDIS_URL is set, otherwise the in-process queue. */
export function openRuntimeQueue(runtime: Runtime): WorkQueue {
  const { env, logger } = runtime;
  if (env.REDIS_URL) {
    logger.info({ redis: describeUrl(env.REDIS_URL) }, "work queue: BullMQ");
    return new BullmqWorkQueue({
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      onRedisError: (error) =>
        logger.warn({ err: error }, "work queue: Redis unavailable, jobs wait until it is back"),
      onJobLockLost: (error) =>
        logger.warn(
          { err: error },
          "work queue: a job running here lost its lock (the process was stalled); another worker may run it",
        ),
      onJobsLeftRunning: (jobs) =>
        logger.warn(
          { jobs },
          "work queue: jobs still running at shutdown are left to other workers",
        ),
      onScheduleRepaired: (key, fault) =>
        logger.warn(
          { schedule: key, fault },
          "a repeating job would not have run again: rescheduled",
        ),
    });
  }
  logger.info("work queue: in-process (set REDIS_URL to scale out over BullMQ)");
  return new InProcessWorkQueue((job, error) =>
    logger.warn(
      { job: job.name, data: job.data, err: error },
      "job failed; it runs again if still needed",
    ),
  );
}

/** How long a shutdown may take before the process exits without finishing it. */
export const SHUTDOWN_DEADLINE_MS = 30_000;

/** Names the part of a shutdown under way, for the error when it overruns its deadline. */
export type ShutdownStep = <T>(name: string, action: () => Promise<T>) => Promise<T>;

/**
 * Runs `stop` once on SIGINT/SIGTERM, then exits. A shutdown that has not finished after
 * `deadlineMs` (a job that never settles, a server that does not answer) is cut short: the
 * process exits with code 1, naming the step it was in, rather than hanging until something
 * kills it. Whatever it left undone, a restart resumes from the checkpoints.
 */
export function onShutdown(
  logger: Logger,
  stop: (step: ShutdownStep) => Promise<void>,
  deadlineMs = SHUTDOWN_DEADLINE_MS,
): void {
  let stopping = false;
  let current = "start";
  const step: ShutdownStep = (name, action) => {
    current = name;
    return action();
  };
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error(
        { step: current, deadlineMs },
        "shutdown did not finish in time: exiting without it",
      );
      process.exit(1);
    }, deadlineMs).unref();
    stop(step)
      .catch((error) => logger.error({ err: error }, "error during shutdown"))
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", handle);
  process.once("SIGTERM", handle);
}
