import type { EventEmitter } from "node:events";

/**
 * Reports at most one error per this long: the clients of one process reconnect one after the
 * other, so the first one ready again does not mean the outage is over for the others.
 */
const REPORT_AT_MOST_EVERY_MS = 30_000;

/** Adds a source of errors; those that `unless` accepts are not an outage's. */
export type WatchRedisErrors = (source: EventEmitter, unless?: (error: Error) => boolean) => void;

/**
 * Reports the first error of each Redis outage. Clients retry while Redis is down and fail at
 * every attempt; the errors of the sources it is given to watch, until `connection` is ready
 * again (and at least REPORT_AT_MOST_EVERY_MS after the last report), count as one outage.
 * Listening also keeps an `error` event from going unhandled (BullMQ then prints each one to the
 * console, outside the structured log).
 *
 * @returns `watch`, which adds a source of errors (a client, a BullMQ queue or worker); errors
 *   that `unless` accepts are the source's own, not an outage's, and left to other listeners.
 * @example
 * const watch = reportRedisOutages(redis, (error) => logger.warn({ err: error }, "Redis down"));
 * watch(redis);
 */
export function reportRedisOutages(
  connection: EventEmitter,
  report?: (error: Error) => void,
): WatchRedisErrors {
  let reported = false;
  let reportedAt = Number.NEGATIVE_INFINITY;
  connection.on("ready", () => {
    reported = false;
  });
  return (source, unless) => {
    source.on("error", (error: Error) => {
      if (unless?.(error)) return;
      if (reported || Date.now() - reportedAt < REPORT_AT_MOST_EVERY_MS) return;
      reported = true;
      reportedAt = Date.now();
      report?.(error);
    });
  };
}
