import type { RowRepresentation } from "../export-query.ts";
import type { ExportFormat } from "../export-request.ts";
import type { CopyFormat } from "./copy-format.ts";
import { csvCopy } from "./csv-copy.ts";
import { csvEncoder } from "./csv-encoder.ts";
import { ndjsonCopy } from "./ndjson-copy.ts";
import { ndjsonEncoder } from "./ndjson-encoder.ts";
import { parquetEncoder } from "./parquet-encoder.ts";
import type { EncoderOptions, RowEncoder } from "./row-encoder.ts";

/**
 * A file format: its media type and how its bytes are made. Postgres writes the formats it can
 * (`copy`); otherwise, and on the embedded database, rows are read through a cursor and encoded.
 */
export interface FileFormat {
  contentType: string;
  /** Whether metadata goes to a `<file>.meta.json` sidecar (formats that cannot hold it). */
  sidecarMetadata: boolean;
  /** How the encoder wants the rows' values (see exportQuery). */
  representation: RowRepresentation;
  createEncoder(options: EncoderOptions): RowEncoder;
  copy?: CopyFormat;
}

export const FILE_FORMATS: Record<ExportFormat, FileFormat> = {
  csv: {
    contentType: "text/csv; charset=utf-8; header=present",
    sidecarMetadata: true,
    representation: "text",
    createEncoder: csvEncoder,
    copy: csvCopy,
  },
  ndjson: {
    contentType: "application/x-ndjson; charset=utf-8",
    sidecarMetadata: true,
    representation: "text",
    createEncoder: ndjsonEncoder,
    copy: ndjsonCopy,
  },
  parquet: {
    contentType: "application/vnd.apache.parquet",
    sidecarMetadata: false,
    representation: "values",
    createEncoder: (options) => parquetEncoder(options),
  },
};
