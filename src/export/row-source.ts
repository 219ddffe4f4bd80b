import type { ExportMetadata } from "./export-metadata.ts";
import type { Chunk } from "./formats/row-encoder.ts";

/** Bytes of the export file (none while an encoder buffers) and the number of rows read. */
export interface RowChunk {
  chunk: Chunk | undefined;
  rows: number;
}

/** Where an export's bytes come from: a cursor read by an encoder, or a COPY Postgres writes. */
export interface RowSource {
  /** The file's bytes up to its last row. */
  chunks(): AsyncGenerator<RowChunk>;
  /** Bytes after the last row, given the final metadata (Parquet's footer). */
  trailer(metadata: ExportMetadata): Chunk | undefined;
}
