import { getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * SQL for `INSERT … ON CONFLICT DO UPDATE SET column = <expr>`: how an incoming row merges into
 * the stored one. Built from Drizzle columns, so no name is spelled twice.
 */
const qualified = (column: PgColumn) => `"${getTableName(column.table)}"."${column.name}"`;
const incoming = (column: PgColumn) => `excluded."${column.name}"`;

/** Keeps the first value ever written. */
export const keepFirst = (column: PgColumn): SQL =>
  sql.raw(`coalesce(${qualified(column)}, ${incoming(column)})`);

/** The latest non-null value wins. */
export const keepLatest = (column: PgColumn): SQL =>
  sql.raw(`coalesce(${incoming(column)}, ${qualified(column)})`);

/** Counters: the incoming row carries a delta. */
export const addUp = (column: PgColumn): SQL =>
  sql.raw(`${qualified(column)} + ${incoming(column)}`);

/** The value that comes later in `order` (an enum kept as text). */
export const furthestInOrder = (column: PgColumn, order: readonly string[]): SQL => {
  const list = `ARRAY[${order.map((value) => `'${value.replaceAll("'", "''")}'`).join(",")}]`;
  return sql.raw(
    `CASE WHEN array_position(${list}, ${incoming(column)}) > array_position(${list}, ${qualified(column)}) THEN ${incoming(column)} ELSE ${qualified(column)} END`,
  );
};
