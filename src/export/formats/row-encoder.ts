import type { ExportColumn } from "../columns.ts";
import type { ExportMetadata } from "../export-metadata.ts";

/** Bytes of an export file, as text or binary. */
export type Chunk = string | Uint8Array;

/**
 * Turns batches of rows (arrays in column order, as the snapshot session reads them) into the bytes
 * of one file format. Calls go begin, encode…, end; each returns the bytes to write next.
 */
export interface RowEncoder {
  /** Bytes before the first row (a header), if any. */
  begin(): Chunk | undefined;
  /** Bytes of a batch of rows; may be undefined while the encoder buffers (Parquet row groups). */
  encode(rows: readonly unknown[][]): Chunk | undefined;
  /** Bytes after the last row; `metadata` is the final one, with the row count. */
  end(metadata: ExportMetadata): Chunk | undefined;
}

/** What an encoder needs to know about the file it writes. */
export interface EncoderOptions {
  columns: readonly ExportColumn[];
  /** Metadata as known before the first row (Parquet writes it in its footer, from `end`). */
  metadata: ExportMetadata;
}
