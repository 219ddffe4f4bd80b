import { z } from "zod";
import { ConfigError } from "./errors.ts";

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  /** Redis key prefix of the BullMQ queues, so deployments can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default("bull"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** `worker` only: serve /metrics on this port. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CORTENSOR_NETWORK: z.string().min(1).default("devnet"),
  /** Folder of the embedded PGlite database, used when DATABASE_URL is not set. */
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type RuntimeEnv = z.infer<typeof envSchema>;

/** Reads and validates the process environment once, at start-up. */
export function readRuntimeEnv(env: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new ConfigError(`invalid environment\n${problems.join("\n")}`);
  }
  return parsed.data;
}
