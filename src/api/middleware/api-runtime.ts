import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { RuntimeEnv } from "../../config/env.ts";
import { ConfigError } from "../../config/errors.ts";
import { type DatabaseHandle, openDatabase } from "../../db/client.ts";
import { reportRedisOutages } from "../../observability/redis-outages.ts";
import { PhaseDatabases } from "../../phase/phase-databases.ts";
import { startLiveFeed } from "../live/listen-indexed-ranges.ts";
import type { LiveFeed } from "../live/live-feed.ts";
import { loadPersistedQueries, type PersistedQueries } from "./persisted-queries.ts";
import type { ApiProtectionOptions } from "./register-protection.ts";

/** Pool size of the API's own database handle. */
const API_POOL_SIZE = 10;

/** What an API process opens besides the app itself, from the environment. */
export interface ApiRuntime {
  /**
   * The handle the API reads through. With Postgres it is a pool of its own whose statements
   * time out after API_STATEMENT_TIMEOUT_MS, so a runaway query never limits the indexer,
   * migrations or resets sharing the process; the embedded database has one connection, shared.
   */
  database: DatabaseHandle;
  /** Phase handles opened from `database`, when it is the API's own; else undefined. */
  phases?: PhaseDatabases;
  protection: ApiProtectionOptions;
  persistedQueries?: PersistedQueries;
  /** Absent when the database cannot LISTEN (a hot standby): subscriptions then say they are off. */
  live?: LiveFeed;
  /** Ends the subscriptions; call before closing the HTTP server, whose streams they hold open. */
  stopLive(): Promise<void>;
  /** Closes what this opened (not `shared`). */
  close(): Promise<void>;
}

async function openReadDatabase(
  env: RuntimeEnv,
  shared: DatabaseHandle,
): Promise<DatabaseHandle | undefined> {
  if (shared.driver !== "postgres" || !env.DATABASE_URL || env.API_STATEMENT_TIMEOUT_MS === 0) {
    return undefined;
  }
  return openDatabase({
    databaseUrl: env.DATABASE_URL,
    schemaName: shared.schemaName,
    maxConnections: API_POOL_SIZE,
    statementTimeoutMs: env.API_STATEMENT_TIMEOUT_MS,
  });
}

/**
 * The live feed, or undefined when LISTEN fails: Postgres runs no LISTEN on a hot standby (nor
 * sends it NOTIFY), and an API replica there must still serve queries.
 */
async function startLiveFeedIfPossible(
  shared: DatabaseHandle,
  logger: Logger,
): Promise<LiveFeed | undefined> {
  try {
    return await startLiveFeed(shared, logger);
  } catch (error) {
    logger.warn(
      { err: error },
      "subscriptions are off: the database refused LISTEN (a hot standby cannot LISTEN; subscriptions need the primary)",
    );
    return undefined;
  }
}

function persistedQueriesOf(env: RuntimeEnv): PersistedQueries | undefined {
  if (!env.PERSISTED_QUERIES_FILE) {
    if (env.PERSISTED_QUERIES_ONLY) {
      throw new ConfigError("PERSISTED_QUERIES_ONLY needs PERSISTED_QUERIES_FILE");
    }
    return undefined;
  }
  return loadPersistedQueries(env.PERSISTED_QUERIES_FILE, env.PERSISTED_QUERIES_ONLY);
}

/**
 * Opens what the API of a `serve` or `start` process needs: its database handle (see
 * ApiRuntime.database), the live feed on the shared handle, the rate limiter's Redis connection
 * (REDIS_URL) and the persisted queries, and turns API_KEYS and CORS_ORIGINS into options.
 */
export async function openApiRuntime(
  env: RuntimeEnv,
  shared: DatabaseHandle,
  logger: Logger,
): Promise<ApiRuntime> {
  const persistedQueries = persistedQueriesOf(env);
  const own = await openReadDatabase(env, shared);
  const phases = own ? new PhaseDatabases(own) : undefined;
  const redis =
    env.API_RATE_LIMIT && env.REDIS_URL
      ? new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      : undefined;
  if (redis) {
    reportRedisOutages(redis, (error) =>
      logger.warn({ err: error }, "rate limit: Redis unavailable, counting in memory"),
    )(redis);
  }
  const live = await startLiveFeedIfPossible(shared, logger);
  logger.info(
    {
      statementTimeoutMs: own ? env.API_STATEMENT_TIMEOUT_MS : undefined,
      apiKeys: env.API_KEYS.map((entry) => entry.name),
      rateLimitPerMinute: env.API_RATE_LIMIT,
      rateLimitStore: env.API_RATE_LIMIT ? (redis ? "redis" : "memory") : undefined,
      corsOrigins: env.CORS_ORIGINS,
      persistedQueries: persistedQueries?.operations.size,
      persistedQueriesOnly: env.PERSISTED_QUERIES_ONLY,
      subscriptions: live !== undefined,
    },
    "API protection",
  );
  return {
    database: own ?? shared,
    phases,
    protection: {
      corsOrigins: env.CORS_ORIGINS,
      apiKeys: env.API_KEYS,
      rateLimit: env.API_RATE_LIMIT
        ? { perMinute: env.API_RATE_LIMIT, redis, keyPrefix: `${env.QUEUE_PREFIX}:api-rate` }
        : undefined,
    },
    persistedQueries,
    live,
    stopLive: async () => live?.close(),
    async close() {
      await live?.close();
      redis?.disconnect();
      await phases?.close();
      await own?.close();
    },
  };
}
