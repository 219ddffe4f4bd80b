import type { ExportFormat } from "../export-request.ts";
import { csvEncoder } from "./csv-encoder.ts";
import { ndjsonEncoder } from "./ndjson-encoder.ts";
import { parquetEncoder } from "./parquet-encoder.ts";
import type { EncoderOptions, RowEncoder } from "./row-encoder.ts";

/** A file format: its media type and how to encode rows into it. */
export interface FileFormat {
  contentType: string;
  /** Whether metadata goes to a `<file>.meta.json` sidecar (formats that cannot hold it). */
  sidecarMetadata: boolean;
  /** Whether the encoder takes every value as Postgres' text (see exportQuery). */
  textual: boolean;
  createEncoder(options: EncoderOptions): RowEncoder;
}

export const FILE_FORMATS: Record<ExportFormat, FileFormat> = {
  csv: {
    contentType: "text/csv; charset=utf-8; header=present",
    sidecarMetadata: true,
    textual: true,
    createEncoder: csvEncoder,
  },
  ndjson: {
    contentType: "application/x-ndjson; charset=utf-8",
    sidecarMetadata: true,
    textual: true,
    createEncoder: ndjsonEncoder,
  },
  parquet: {
    contentType: "application/vnd.apache.parquet",
    sidecarMetadata: false,
    textual: false,
    createEncoder: (options) => parquetEncoder(options),
  },
};
