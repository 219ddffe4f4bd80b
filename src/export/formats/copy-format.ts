import type { RowRepresentation } from "../export-query.ts";

/**
 * A format Postgres writes itself with `COPY (query) TO STDOUT`: the export's bytes then come
 * from the database as they are, and Node only passes them on. Several times faster than reading
 * rows through a cursor and encoding them in JavaScript (see bench/export.ts).
 *
 * The protocol sends one CopyData message per row ("always one per row"), each ending with the
 * row's LF: rows are counted, and their ends rewritten, per message, without scanning the bytes.
 */
export interface CopyFormat {
  /** How the query's columns are cast for this COPY. */
  representation: RowRepresentation;
  /**
   * The COPY statement writing the rows of `select` in this format to `destination`: `stdout`
   * (the client) or a server file (the benchmark's ceiling, `'/dev/null'`).
   */
  statement(select: string, destination?: string): string;
  /** Rows before the data (a header), not counted as exported rows. */
  headerRows: number;
  /** How a row ends in the file: as Postgres ends it (LF) or with CRLF. */
  rowEnd: "lf" | "crlf";
}
