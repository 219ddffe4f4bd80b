import type { ColumnType, ExportColumn } from "./columns.ts";
import type { ExportSnapshot } from "./export-snapshot.ts";

/**
 * What an export file is: its kind, format, filters, columns and the snapshot it reflects; once
 * complete, also its row count. Parquet files carry it as key-value metadata, CSV and NDJSON files
 * in a `<file>.meta.json` sidecar.
 */
export interface ExportMetadata {
  kind: string;
  format: string;
  filters: Record<string, string>;
  snapshot: ExportSnapshot;
  columns: { name: string; type: ColumnType }[];
  /** Set when the export completed. */
  rows?: number;
  completedAt?: string;
}

/** Key of the metadata in a Parquet file's key-value metadata. */
export const PARQUET_METADATA_KEY = "cortensor.export";

export function describeColumns(columns: readonly ExportColumn[]): ExportMetadata["columns"] {
  return columns.map(({ name, type }) => ({ name, type }));
}
