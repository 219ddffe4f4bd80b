import pino from "pino";
import type { Runtime } from "../../src/cli/runtime.ts";
import { readRuntimeEnv } from "../../src/config/env.ts";
import type { NetworkConfig } from "../../src/config/load-network.ts";
import { TEST_REDIS_URL } from "../fixtures/redis.ts";

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
