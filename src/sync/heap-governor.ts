import v8 from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Heap in use above which a backfill collects its garbage after a batch. A backfill allocates
 * several kilobytes per event (JSON of the RPC answers, decoded logs, COPY data, rows) that live
 * for a batch or two, and V8, seeing plenty of free memory, lets such garbage pile up to several
 * times the live heap before a full collection: a worker then sits at 500-700 MB while it needs
 * well under 200. Collecting at this mark keeps it flat for the price of a few collections
 * per 100,000 events.
 */
export const HEAP_BUDGET_BYTES = 128 * 1024 * 1024;

let collector: (() => void) | null | undefined;

/** V8's collector, made callable without `--expose-gc` on the command line; null if refused. */
function garbageCollector(): (() => void) | null {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      collector = runInNewContext("gc") as () => void;
    } catch {
      collector = null;
    }
  }
  return collector;
}

/** Runs a full collection when the heap in use exceeds `budget` bytes. */
export function collectGarbageAbove(budget = HEAP_BUDGET_BYTES): void {
  if (v8.getHeapStatistics().used_heap_size > budget) garbageCollector()?.();
}

/**
 * Heap in use above which the collector runs at once, mid-batch or not: between two batch ends
 * a burst (the batch being written, the next one read ahead, fetched ranges arriving) can carry
 * the heap far past the budget, and the process' peak memory with it.
 */
export const HEAP_CEILING_BYTES = 144 * 1024 * 1024;

/**
 * Checks the heap against `ceiling` every `intervalMs` until the returned function is called.
 * The timer does not keep the process alive.
 */
export function guardHeapCeiling(ceiling = HEAP_CEILING_BYTES, intervalMs = 250): () => void {
  const timer = setInterval(() => collectGarbageAbove(ceiling), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
