import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * What an exported column holds, which decides its representation in every format:
 *
 * | type        | SQL value read         | CSV / NDJSON                   | Parquet                    |
 * | ----------- | ---------------------- | ------------------------------ | -------------------------- |
 * | `int32`     | int4 → number          | number                         | INT32                      |
 * | `int64`     | int8 → bigint          | decimal string                 | INT64                      |
 * | `timestamp` | int8 unix s → bigint   | decimal string (unix seconds)  | INT64 TIMESTAMP_MILLIS     |
 * | `uint256`   | numeric → text         | decimal string                 | UTF8 string (no precision loss; 78 digits fit no Parquet reader's decimal) |
 * | `string`    | text                   | string                         | UTF8 string                |
 * | `boolean`   | bool                   | true / false                   | BOOLEAN                    |
 * | `json`      | json(b) → text         | the JSON itself                | JSON (BYTE_ARRAY)          |
 *
 * Integers are decimal strings in text formats, as in the GraphQL API: JSON numbers cannot carry
 * uint256 values (nor int64 ones past 2^53) without losing precision.
 */
export type ColumnType =
  | "int32"
  | "int64"
  | "timestamp"
  | "uint256"
  | "string"
  | "boolean"
  | "json";

/** One exported column: its name in the file, its type and the SQL expression that reads it. */
export interface ExportColumn {
  name: string;
  type: ColumnType;
  /** The value as stored; exportQuery casts it as the consumer of the rows needs. */
  expression: SQL;
}

/** Columns named `…At` or `…Timestamp` hold unix seconds. */
const isUnixTime = (property: string) => /(?:At|Timestamp)$/.test(property);

function columnTypeOf(property: string, column: PgColumn): ColumnType {
  switch (column.columnType) {
    case "PgInteger":
      return "int32";
    case "PgBigInt64":
      return isUnixTime(property) ? "timestamp" : "int64";
    case "PgNumeric":
      return "uint256";
    case "PgBoolean":
      return "boolean";
    case "PgJsonb":
    case "PgJson":
      return "json";
    default:
      return "string";
  }
}

/** A computed column. */
export function computedColumn(name: string, type: ColumnType, expression: SQL): ExportColumn {
  return { name, type, expression };
}

/**
 * Every column of a Drizzle table under its property name (the GraphQL field name), read through
 * `alias`, except those in `omit`. Renames follow the API's (e.g. `outcome` as `status`).
 */
export function tableColumns(
  table: PgTable,
  alias: string,
  options: { omit?: readonly string[]; rename?: Readonly<Record<string, string>> } = {},
): ExportColumn[] {
  return Object.entries(getTableColumns(table))
    .filter(([property]) => !options.omit?.includes(property))
    .map(([property, column]) => {
      return {
        name: options.rename?.[property] ?? property,
        type: columnTypeOf(property, column),
        expression: sql.raw(`${alias}."${column.name}"`),
      };
    });
}
