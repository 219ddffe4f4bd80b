import type { Metrics } from "../observability/metrics.ts";
import type { ExportRequest } from "./export-request.ts";

/** How an export ended, as `cortensor_exports_total` counts it; an abandoned one did not finish. */
export type ExportOutcome = "ok" | "failed";

/** Hooks that count exports and their rows in a process's Prometheus metrics. */
export interface ExportObserver {
  onRows(rows: number): void;
  finished(request: ExportRequest, outcome: ExportOutcome): void;
}

/** The observer of `metrics`, or one that counts nothing. */
export function exportObserver(metrics: Metrics | undefined): ExportObserver {
  return {
    onRows: (rows) => metrics?.exportRows.inc(rows),
    finished: (request, outcome) =>
      metrics?.exports.inc({ kind: request.kind, format: request.format, outcome }),
  };
}
