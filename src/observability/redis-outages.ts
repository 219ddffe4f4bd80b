import type { EventEmitter } from "node:events";

/**
 * Reports the first error of each Redis outage. Clients retry while Redis is down and fail at
 * every attempt; the errors of the sources it is given to watch, until `connection` is ready
 * again, count as one outage. Listening also keeps an `error` event from going unhandled (BullMQ
 * then prints each one to the console, outside the structured log).
 *
 * @returns `watch`, which adds a source of errors (a client, a BullMQ queue or worker).
 * @example
 * const watch = reportRedisOutages(redis, (error) => logger.warn({ err: error }, "Redis down"));
 * watch(redis);
 */
export function reportRedisOutages(
  connection: EventEmitter,
  report?: (error: Error) => void,
): (source: EventEmitter) => void {
  let reported = false;
  connection.on("ready", () => {
    reported = false;
  });
  return (source) => {
    source.on("error", (error: Error) => {
      if (!reported) report?.(error);
      reported = true;
    });
  };
}
