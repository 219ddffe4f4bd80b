import { copyBytes } from "./copy-bytes.ts";
import type { CopyFormat, CopyMessageWriter } from "./copy-format.ts";

const CR = 0x0d;
const LF = 0x0a;

/** Each message is one row ending with LF, the header's first: written with CRLF instead. */
function crlfRows(): CopyMessageWriter {
  let headerPending = true;
  return (message, sink) => {
    const body = message[message.length - 1] === LF ? message.length - 1 : message.length;
    const { buffer, at } = sink.reserve(body + 2);
    copyBytes(message, 0, body, buffer, at);
    buffer[at + body] = CR;
    buffer[at + body + 1] = LF;
    sink.commit(body + 2, headerPending ? 0 : 1);
    headerPending = false;
  };
}

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
  createWriter: crlfRows,
};
