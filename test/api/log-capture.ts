import pino, { type Logger } from "pino";

/** A pino logger whose JSON lines are kept in memory, to assert what the server logs. */
export function capturingLogger(): {
  logger: Logger;
  lines: string[];
  entries(): Record<string, unknown>[];
} {
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
  return {
    logger,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
