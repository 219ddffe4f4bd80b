import pino, { type Logger } from "pino";

export type { Logger };

/** Keys whose values never reach a log line, wherever they appear. */
const REDACTED_PATHS = [
  "*.password",
  "*.token",
  "*.authorization",
  "*.databaseUrl",
  "*.redisUrl",
  "req.headers.authorization",
];

/**
 * Structured JSON logs, pretty-printed when a person watches a terminal.
 * Connection strings and tokens are redacted.
 */
export function createLogger(level = "info", pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    transport: pretty
      ? { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname" } }
      : undefined,
  });
}

/** Strips the password from a connection URL before it is shown to anyone. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
