import type { ColumnType, ExportColumn } from "../columns.ts";
import { copyBytes } from "./copy-bytes.ts";
import type { CopyFormat, CopyMessageWriter, RowBytesSink } from "./copy-format.ts";
import { escapeJsonStringInto, MAX_ESCAPED_BYTES_PER_BYTE } from "./json-string-bytes.ts";

/** The 19-byte header of binary COPY: signature, flags and the length of an extension area. */
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const HEADER_BYTES = 19;

/**
 * How a value (Postgres' text of it, see RowRepresentation "text") is written in JSON:
 * - `raw`: as it is (int32 digits, `true`/`false`, JSON text);
 * - `digits`: in quotes, needing no escape (decimal strings: the API's convention for integers
 *   past int32);
 * - `text`: in quotes, escaped.
 */
type JsonValueKind = "raw" | "digits" | "text";

const JSON_VALUE: Record<ColumnType, JsonValueKind> = {
  int32: "raw",
  int64: "digits",
  timestamp: "digits",
  uint256: "digits",
  string: "text",
  boolean: "raw",
  json: "raw",
};

const NULL = Buffer.from("null");
const QUOTE = 0x22;

export class BinaryCopyFormatError extends Error {
  override name = "BinaryCopyFormatError";
}

/**
 * Writes each tuple of a binary COPY (`int16` field count, then per field an `int32` length, -1
 * for null, and the bytes) as one NDJSON line, keys in column order. The values arrive as text
 * and go out with buffer copies: only text columns are scanned, for the bytes JSON escapes.
 */
function ndjsonLines(columns: readonly ExportColumn[]): CopyMessageWriter {
  const keys = columns.map((column, index) =>
    Buffer.from(`${index === 0 ? "{" : ","}${JSON.stringify(column.name)}:`),
  );
  const kinds = columns.map((column) => JSON_VALUE[column.type]);
  let headerRead = false;
  let carried: Buffer | undefined;

  /** Bytes the tuple at `offset` takes, or -1 when `data` does not hold all of it. */
  function tupleEnd(data: Buffer, offset: number): number {
    let cursor = offset + 2;
    for (let field = 0; field < keys.length; field++) {
      if (cursor + 4 > data.length) return -1;
      const length = data.readInt32BE(cursor);
      cursor += 4 + Math.max(length, 0);
    }
    return cursor > data.length ? -1 : cursor;
  }

  const keyBytes = keys.reduce((total, key) => total + key.length, 0);

  function writeTuple(data: Buffer, offset: number, end: number, sink: RowBytesSink) {
    // Every value escaped at worst, or `null`, with quotes; the braces and the line end.
    const worst = keyBytes + (end - offset) * MAX_ESCAPED_BYTES_PER_BYTE + 6 * keys.length + 2;
    const { buffer, at } = sink.reserve(worst);
    let cursor = offset + 2;
    let written = at;
    for (let field = 0; field < keys.length; field++) {
      const key = keys[field] as Buffer;
      written = copyBytes(key, 0, key.length, buffer, written);
      const length = data.readInt32BE(cursor);
      cursor += 4;
      if (length < 0) {
        written = copyBytes(NULL, 0, NULL.length, buffer, written);
        continue;
      }
      const kind = kinds[field];
      if (kind === "raw") {
        written = copyBytes(data, cursor, cursor + length, buffer, written);
      } else {
        buffer[written++] = QUOTE;
        written =
          kind === "digits"
            ? copyBytes(data, cursor, cursor + length, buffer, written)
            : escapeJsonStringInto(data, cursor, cursor + length, buffer, written);
        buffer[written++] = QUOTE;
      }
      cursor += length;
    }
    buffer[written++] = 0x7d; // }
    buffer[written++] = 0x0a; // \n
    sink.commit(written - at, 1);
  }

  return (message, sink) => {
    const data = carried ? Buffer.concat([carried, message]) : message;
    carried = undefined;
    let offset = 0;
    if (!headerRead) {
      if (data.length < HEADER_BYTES) {
        carried = data;
        return;
      }
      if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
        throw new BinaryCopyFormatError("the COPY did not start with the binary signature");
      }
      offset = HEADER_BYTES + data.readUInt32BE(15);
      headerRead = true;
    }
    while (offset + 2 <= data.length) {
      const fields = data.readInt16BE(offset);
      if (fields === -1) return; // the trailer
      if (fields !== keys.length) {
        throw new BinaryCopyFormatError(`a COPY tuple has ${fields} fields, not ${keys.length}`);
      }
      const end = tupleEnd(data, offset);
      if (end < 0) break;
      writeTuple(data, offset, end, sink);
      offset = end;
    }
    if (offset < data.length) carried = Buffer.from(data.subarray(offset));
  };
}

/**
 * NDJSON from a binary COPY of the rows' text: Postgres reads, joins and prints the values (as it
 * does for CSV), Node writes the JSON around them. Formatting JSON in Postgres (`row_to_json`)
 * costs it more than the whole CSV export; here the database does no more than for CSV and the
 * escaping runs on the other core. Integers past int32 are decimal strings, json columns JSON.
 */
export const ndjsonCopy: CopyFormat = {
  representation: "text",
  statement: (select, destination = "stdout") =>
    `copy (${select}) to ${destination} with (format binary)`,
  createWriter: ndjsonLines,
};
