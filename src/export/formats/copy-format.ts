import type { ExportColumn } from "../columns.ts";
import type { RowRepresentation } from "../export-query.ts";

/** Where a COPY's rows are written as file bytes: chunks that are passed on once full. */
export interface RowBytesSink {
  /** A buffer with at least `bytes` free from `at`, for the next row. */
  reserve(bytes: number): { buffer: Buffer; at: number };
  /** Marks `bytes` written from the reserved position, completing `rows` exported rows. */
  commit(bytes: number, rows: number): void;
}

/**
 * Writes the file bytes of one CopyData message. The protocol sends one message per row
 * ("always one per row"); a binary COPY's header rides with the first row and its trailer comes
 * alone. Stateful across messages (a header to skip, a partial tuple to carry).
 */
export type CopyMessageWriter = (message: Buffer, sink: RowBytesSink) => void;

/**
 * A format made from `COPY (query) TO STDOUT`: Postgres does the work of reading, joining and
 * formatting the rows in its own process and Node writes each row with a few buffer copies,
 * several times faster than reading rows through a cursor and encoding them in JavaScript (see
 * bench/export.ts).
 */
export interface CopyFormat {
  /** How the query's columns are cast for this COPY. */
  representation: RowRepresentation;
  /**
   * The COPY statement writing the rows of `select` to `destination`: `stdout` (the client) or a
   * server file (the benchmark's ceiling, `'/dev/null'`).
   */
  statement(select: string, destination?: string): string;
  createWriter(columns: readonly ExportColumn[]): CopyMessageWriter;
}
