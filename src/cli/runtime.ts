import { type RuntimeEnv, readRuntimeEnv } from "../config/env.ts";
import { ConfigError } from "../config/errors.ts";
import {
  type LoadNetworkOptions,
  loadNetwork,
  type NetworkConfig,
} from "../config/load-network.ts";
import { type DatabaseHandle, openDatabase } from "../db/client.ts";
import { phases } from "../db/control-schema/index.ts";
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
  { migrate, existing = false }: { migrate: boolean; existing?: boolean },
): Promise<DatabaseHandle> {
  const { env, logger } = runtime;
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
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

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stop()
      .catch((error) => logger.error({ err: error }, "error during shutdown"))
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", handle);
  process.once("SIGTERM", handle);
}
