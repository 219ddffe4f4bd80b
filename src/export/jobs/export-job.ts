import type { ExportMetadata } from "../export-metadata.ts";
import type { ExportRequest } from "../export-request.ts";
import { describeFilters } from "../export-request.ts";

/** BullMQ queue of export jobs, apart from the sync jobs so a long export never delays indexing. */
export const EXPORT_QUEUE_NAME = "cortensor-exports";

/** What a queued export carries: its parameters, validated again by the worker, and its file. */
export interface ExportJobData {
  parameters: Record<string, string>;
  /** Where to write; absent = `<worker directory>/export-<job id>.<format>`. */
  out?: string;
}

/** Job progress as the worker reports it. */
export interface ExportJobProgress {
  rows: number;
  totalRows: number | null;
  elapsedMs: number;
}

/** What a completed export job returns. */
export interface ExportJobResult {
  file: string;
  metadata: ExportMetadata;
}

/** The parameters that reproduce a validated request. */
export function requestParameters(request: ExportRequest): Record<string, string> {
  return {
    kind: request.kind,
    format: request.format,
    ...(request.phase === undefined ? {} : { phase: request.phase }),
    ...describeFilters(request.filters),
  };
}
