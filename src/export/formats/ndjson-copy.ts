import type { CopyFormat } from "./copy-format.ts";

/**
 * NDJSON written by Postgres: `row_to_json` of each row, keys in column order, through COPY's CSV
 * mode with a delimiter and a quote character (0x02, 0x01) that JSON text never holds raw (it
 * escapes every control character): each value then goes out verbatim, one per line, where the
 * text mode would double every backslash.
 */
export const ndjsonCopy: CopyFormat = {
  representation: "json",
  statement: (select, destination = "stdout") =>
    `copy (select row_to_json(r) from (${select}) r) to ${destination} with (format csv, delimiter e'\\x02', quote e'\\x01')`,
  headerRows: 0,
  rowEnd: "lf",
};
