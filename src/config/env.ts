import { z } from "zod";
import { ConfigError } from "./errors.ts";

/** An API key and the name it is known by in logs and rate limits. */
export interface ApiKey {
  name: string;
  key: string;
}

/** Shortest API key accepted: a guessable key protects nothing. */
const MIN_API_KEY_LENGTH = 16;

function commaList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Parses `name:key,…`; problems name the entry by its name or position, never by its key. */
function parseApiKeys(value: string | undefined, context: z.RefinementCtx): ApiKey[] {
  const keys = commaList(value).map((entry, index) => {
    const separator = entry.indexOf(":");
    const name = separator > 0 ? entry.slice(0, separator).trim() : "";
    const key = separator > 0 ? entry.slice(separator + 1).trim() : "";
    if (!name || key.length < MIN_API_KEY_LENGTH) {
      context.addIssue({
        code: "custom",
        message: `entry ${index + 1} must be name:key with a key of at least ${MIN_API_KEY_LENGTH} characters`,
      });
    }
    return { name, key };
  });
  const names = new Set(keys.map((entry) => entry.name));
  const secrets = new Set(keys.map((entry) => entry.key));
  if (names.size !== keys.length || secrets.size !== keys.length) {
    context.addIssue({ code: "custom", message: "names and keys must each be unique" });
  }
  return keys;
}

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  /** Redis key prefix of the BullMQ queues, so deployments can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default("bull"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** `worker` only: serve /metrics on this port. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CORTENSOR_NETWORK: z.string().min(1).default("devnet"),
  /** Id of the first phase, recorded when an index starts; later phases come from resets. */
  CORTENSOR_PHASE: z.string().min(1).default("initial"),
  /** `name:token,…`: admin tokens for resets over HTTP/GraphQL; the name goes in the audit. */
  ADMIN_TOKENS: z.string().optional().transform(parseApiKeys),
  /** Folder of the embedded PGlite database, used when DATABASE_URL is not set. */
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Longest a database statement of the API may run, in ms; 0 = no limit. */
  API_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Origins allowed to read the API from a browser (`*` for any); unset = same origin only. */
  CORS_ORIGINS: z.string().optional().transform(commaList),
  /** `name:key,name2:key2`: when set, /graphql and /export/* need one of the keys. */
  API_KEYS: z.string().optional().transform(parseApiKeys),
  /** Requests per minute per API key (per client address without keys); unset = no limit. */
  API_RATE_LIMIT: z.coerce.number().int().min(1).optional(),
  /** JSON file mapping operation ids (sha256 of the query) to GraphQL documents. */
  PERSISTED_QUERIES_FILE: z.string().min(1).optional(),
  /** With a persisted-queries file: refuse every operation that is not in it. */
  PERSISTED_QUERIES_ONLY: z.stringbool().default(false),
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
