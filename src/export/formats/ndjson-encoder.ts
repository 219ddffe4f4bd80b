import type { ColumnType } from "../columns.ts";
import type { EncoderOptions, RowEncoder } from "./row-encoder.ts";

type ValueToJson = (value: unknown) => string;

/**
 * JSON text of a value of each column type, read as Postgres' text (digits, `true`/`false`,
 * JSON): int32 and booleans are JSON literals, every other integer a decimal string.
 */
const jsonOf: Record<ColumnType, ValueToJson> = {
  int32: String,
  int64: (value) => `"${value}"`,
  timestamp: (value) => `"${value}"`,
  uint256: (value) => `"${value}"`,
  string: (value) => JSON.stringify(value),
  boolean: String,
  // Already JSON text, as Postgres wrote it.
  json: String,
};

/**
 * Newline-delimited JSON: one object per row, keys in column order. Rows are assembled from
 * per-column fragments rather than through JSON.stringify of an object, which would parse and
 * re-serialise the JSON columns and cannot write bigints.
 */
export function ndjsonEncoder({ columns }: EncoderOptions): RowEncoder {
  const keys = columns.map(
    (column, index) => `${index === 0 ? "{" : ","}${JSON.stringify(column.name)}:`,
  );
  const converters = columns.map((column) => jsonOf[column.type]);
  const encodeRow = (row: readonly unknown[]) => {
    let line = "";
    for (let index = 0; index < converters.length; index++) {
      const value = row[index];
      line += keys[index];
      line +=
        value === null || value === undefined ? "null" : (converters[index] as ValueToJson)(value);
    }
    return `${line}}\n`;
  };
  return {
    begin: () => undefined,
    encode: (rows) => {
      let text = "";
      for (const row of rows) text += encodeRow(row);
      return text;
    },
    end: () => undefined,
  };
}
