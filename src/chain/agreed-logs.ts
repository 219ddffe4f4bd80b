import type { RawLog } from "../decode/decode-log.ts";
import { InvalidRpcResponseError } from "./errors.ts";

/** Answers asked before giving up on providers that never agree. */
const MAX_ANSWERS = 6;

/** What identifies an answer: every log's position, block hash and payload. */
function fingerprint(logs: readonly RawLog[]): string {
  return logs
    .map((log) => `${log.blockNumber}:${log.logIndex}:${log.blockHash}:${log.data}`)
    .join("|");
}

/**
 * Cross-checks a logs query: asks `askers` in turn (the primary provider, then another one, or the
 * same one again when there is only one) and returns the first answer given twice. A provider
 * that silently leaves logs out, or answers from a lagging node, gives an answer the others do
 * not repeat, and it is never taken.
 *
 * @throws InvalidRpcResponseError when no answer came twice in MAX_ANSWERS tries.
 *
 * @example
 * const logs = await agreedLogs([() => ask(primary), () => ask(second)], "eth_getLogs [1, 100]");
 */
export async function agreedLogs(
  askers: readonly (() => Promise<RawLog[]>)[],
  what: string,
): Promise<RawLog[]> {
  const seen = new Set<string>();
  for (let answer = 0; answer < MAX_ANSWERS; answer++) {
    const ask = askers[answer % askers.length] as () => Promise<RawLog[]>;
    const logs = await ask();
    const key = fingerprint(logs);
    if (seen.has(key)) return logs;
    seen.add(key);
  }
  throw new InvalidRpcResponseError(
    `${what}: ${MAX_ANSWERS} answers and no two alike: a provider is leaving out logs`,
  );
}
