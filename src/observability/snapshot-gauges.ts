import { Gauge, type Registry } from "prom-client";

/**
 * Runs `load` once for any number of callers that ask while it runs. prom-client collects all
 * metrics of a scrape concurrently, so the gauges of one scrape share one read this way.
 */
export function coalesce<T>(load: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/** One gauge of a family filled from a shared snapshot. */
export interface SnapshotGaugeSpec<TSnapshot, TLabel extends string> {
  name: string;
  help: string;
  labelNames: readonly TLabel[];
  /** Sets the gauge's samples from this scrape's snapshot (the gauge starts empty). */
  fill(gauge: Gauge<TLabel>, snapshot: TSnapshot): void;
}

/**
 * Registers gauges whose values all come from one read per scrape (a checkpoint query, the
 * queue's counts). Each gauge awaits that read in its own `collect`: a gauge filled by another's
 * collect would be serialised before that read finished, one scrape late.
 */
export function registerSnapshotGauges<TSnapshot>(
  registry: Registry,
  read: () => Promise<TSnapshot>,
  specs: readonly SnapshotGaugeSpec<TSnapshot, string>[],
): void {
  const snapshot = coalesce(read);
  for (const spec of specs) {
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames,
      registers: [registry],
      async collect() {
        const current = await snapshot();
        this.reset();
        spec.fill(this, current);
      },
    });
  }
}
