import type { CopyFormat } from "./copy-format.ts";

/**
 * RFC 4180 CSV written by Postgres' own CSV writer (`COPY … (format csv, header)`): a header row
 * of column names, fields with commas, quotes or line breaks quoted and quotes doubled, an empty
 * field for null and `""` for an empty string, rows ended with CRLF (Postgres ends them with LF;
 * line breaks inside quoted fields stay as they are). The same data the Node encoder
 * (csv-encoder.ts) writes on the embedded database, where COPY cannot stream.
 */
export const csvCopy: CopyFormat = {
  representation: "csv",
  statement: (select, destination = "stdout") =>
    `copy (${select}) to ${destination} with (format csv, header true)`,
  headerRows: 1,
  rowEnd: "crlf",
};
