import type { Logger } from "../logger/create-logger.ts";
import type { SyncProgress } from "../sync/progress.ts";

/** Logs backfill progress at most every `intervalMs` per chain, and once when a chain catches up. */
export function createProgressReporter(logger: Logger, intervalMs = 2_000) {
  const lastLogged = new Map<number, number>();
  const caughtUp = new Set<number>();
  return (progress: SyncProgress): void => {
    const now = Date.now();
    if (progress.caughtUp && !caughtUp.has(progress.chainId)) {
      caughtUp.add(progress.chainId);
      logger.info(
        { chainId: progress.chainId, block: progress.indexedBlock.toString() },
        "backfill complete, following the head",
      );
      return;
    }
    if (progress.caughtUp || now - (lastLogged.get(progress.chainId) ?? 0) < intervalMs) return;
    lastLogged.set(progress.chainId, now);
    logger.info(
      {
        chainId: progress.chainId,
        block: progress.indexedBlock.toString(),
        blocksLeft: progress.blocksLeft.toString(),
        eventsPerSec: progress.eventsPerSecond,
        eta: progress.etaSeconds === null ? "unknown" : `${progress.etaSeconds}s`,
      },
      "backfill progress",
    );
  };
}
