import pino from "pino";
import type { Runtime } from "../../src/cli/runtime.ts";
import { readRuntimeEnv } from "../../src/config/env.ts";
import type { NetworkConfig } from "../../src/config/load-network.ts";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import type { Database } from "../../src/db/client.ts";
import { TEST_REDIS_URL } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** The runtime a `worker` process would have, on a test database, Redis prefix and devnet. */
export function testRuntime(options: {
  databaseUrl: string;
  queuePrefix: string;
  network: NetworkConfig;
  rpcEnv: Record<string, string>;
  phase: string;
}): Runtime {
  const processEnv = {
    ...options.rpcEnv,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: options.queuePrefix,
    CORTENSOR_PHASE: options.phase,
    LOG_LEVEL: "silent",
  };
  return {
    env: readRuntimeEnv(processEnv),
    processEnv,
    logger: pino({ level: "silent" }),
    network: options.network,
  };
}

/** Waits until every chain of `heads` is indexed up to its head in the tables of `db`. */
export function waitForIndexedTo(db: Database, heads: Map<number, bigint>, what: string) {
  return waitFor(
    what,
    async () => {
      for (const [chainId, head] of heads) {
        const checkpoint = await readCheckpoint(db, chainId);
        if (!checkpoint || checkpoint.lastIndexedBlock < head) return false;
      }
      return true;
    },
    90_000,
  );
}
