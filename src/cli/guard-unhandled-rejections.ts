import { type Logger, redactUrlsIn } from "../logger/create-logger.ts";

/** Network failures of a database or RPC connection, as Node and postgres.js name them. */
const CONNECTION_LOSS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/** The error as logged: its message and stack with every URL reduced to its origin (API keys). */
function redactedError(reason: unknown): Record<string, unknown> {
  if (!(reason instanceof Error)) return { message: redactUrlsIn(String(reason)) };
  const { code } = reason as { code?: unknown };
  return {
    type: reason.name,
    message: redactUrlsIn(reason.message),
    stack: reason.stack === undefined ? undefined : redactUrlsIn(reason.stack),
    ...(code === undefined ? {} : { code }),
  };
}

/**
 * Keeps a long-running process alive through a lost connection. While Postgres restarts,
 * postgres.js can reject a query promise that no caller holds any more (its transaction was
 * already given up), and Node ends the process on such a rejection. Every write here is
 * transactional and checkpointed, and the caller that mattered got its own error, so a lost
 * connection is logged and the process goes on; any other unhandled rejection still ends it, as
 * Node would, after logging what it was (the SQL too, for a postgres.js query; URLs, which may
 * carry keys, reduced to their origin).
 */
export function guardUnhandledRejections(logger: Logger): void {
  process.on("unhandledRejection", (reason, promise) => {
    const code = (reason as { code?: unknown } | null)?.code;
    const sql = (promise as { strings?: readonly string[] }).strings?.join("?").slice(0, 200);
    if (typeof code === "string" && CONNECTION_LOSS.has(code)) {
      logger.warn({ code, sql }, "a lost connection failed a query nobody awaited; carrying on");
      return;
    }
    logger.fatal({ err: redactedError(reason), sql }, "unhandled rejection");
    process.exit(1);
  });
}
