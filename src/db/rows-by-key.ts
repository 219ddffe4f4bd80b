import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client.ts";

/**
 * Bulk reads and writes by primary key that cost one statement and one bind parameter per
 * column, whatever the number of rows: every column travels as a text array and is expanded
 * with `unnest(…)` by Postgres. A multi-row VALUES list costs a parameter per cell, which both
 * caps a statement at a few thousand rows and makes building it (Drizzle) and planning it
 * (Postgres) the slow part of a batch.
 */

/** Rows per statement: bounds the arrays' size (memory), not a Postgres limit. */
const ROWS_PER_STATEMENT = 50_000;

/** A column's value as Postgres text input, through Drizzle's own driver mapping. */
export function toText(column: PgColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const driverValue = column.mapToDriverValue(value);
  if (typeof driverValue === "string") return driverValue;
  if (driverValue instanceof Date) return driverValue.toISOString();
  if (typeof driverValue === "object") return JSON.stringify(driverValue);
  return String(driverValue);
}

/** `unnest($1::text[]::integer[], $2::text[]::jsonb[], …)` of per-column text arrays. */
export function unnestOf(columns: readonly PgColumn[], arrays: readonly (string | null)[][]): SQL {
  const parts = columns.map(
    (column, i) => sql`${sql.param(arrays[i])}::text[]::${sql.raw(column.getSQLType())}[]`,
  );
  return sql`unnest(${sql.join(parts, sql`, `)})`;
}

const columnList = (columns: readonly PgColumn[]) =>
  sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );

interface RowGroup {
  columns: PgColumn[];
  arrays: (string | null)[][];
}

/**
 * The rows as per-column text arrays, grouped by the columns they set: a column a row leaves
 * undefined takes its default, as in Drizzle's inserts, so rows that omit different columns go
 * into different statements. Row order is kept within a group.
 */
function rowGroups<T extends PgTable>(table: T, rows: readonly T["$inferInsert"][]): RowGroup[] {
  const entries = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const groups = new Map<string, { entries: [string, PgColumn][]; rows: T["$inferInsert"][] }>();
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const set = entries.filter(([property]) => record[property] !== undefined);
    const signature = set.map(([property]) => property).join(",");
    const group = groups.get(signature) ?? { entries: set, rows: [] };
    group.rows.push(row);
    groups.set(signature, group);
  }
  const result: RowGroup[] = [];
  for (const group of groups.values()) {
    for (let start = 0; start < group.rows.length; start += ROWS_PER_STATEMENT) {
      const part = group.rows.slice(start, start + ROWS_PER_STATEMENT);
      result.push({
        columns: group.entries.map(([, column]) => column),
        arrays: group.entries.map(([property, column]) =>
          part.map((row) => toText(column, (row as Record<string, unknown>)[property])),
        ),
      });
    }
  }
  return result;
}

/** The condition `(k1, k2, …) in (unnest of the keys)`: one index lookup per key. */
export function keysIn(
  keyColumns: readonly PgColumn[],
  keys: readonly (readonly unknown[])[],
): SQL {
  const arrays = keyColumns.map((column, i) => keys.map((key) => toText(column, key[i])));
  return sql`(${sql.join([...keyColumns], sql`, `)}) in (select * from ${unnestOf(keyColumns, arrays)})`;
}

/**
 * `SELECT * FROM table WHERE (k1, k2, …) IN (unnest of the keys)`: one statement per 50,000
 * keys, each an index lookup.
 *
 * @example
 * await selectByKeys(db, tasks, [tasks.chainId, tasks.sessionId, tasks.taskId], [[31337, "1", "0"]]);
 */
export async function selectByKeys<T extends PgTable>(
  db: Database,
  table: T,
  keyColumns: readonly PgColumn[],
  keys: readonly (readonly unknown[])[],
): Promise<T["$inferSelect"][]> {
  const rows: T["$inferSelect"][] = [];
  for (let start = 0; start < keys.length; start += ROWS_PER_STATEMENT) {
    const part = keys.slice(start, start + ROWS_PER_STATEMENT);
    rows.push(
      ...((await db
        .select()
        .from(table as PgTable)
        .where(keysIn(keyColumns, part))) as T["$inferSelect"][]),
    );
  }
  return rows;
}

/** Inserts rows, replacing every column of a row whose key already exists. */
export async function upsertRows<T extends PgTable>(
  db: Database,
  table: T,
  keyColumns: readonly PgColumn[],
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  if (rows.length === 0) return;
  const every = Object.values(getTableColumns(table)) as PgColumn[];
  const set = sql.join(
    every.map(
      (column) => sql`${sql.identifier(column.name)} = excluded.${sql.identifier(column.name)}`,
    ),
    sql`, `,
  );
  for (const { columns, arrays } of rowGroups(table, rows)) {
    await db.execute(
      sql`insert into ${table} (${columnList(columns)}) select * from ${unnestOf(columns, arrays)}
        on conflict (${columnList(keyColumns)}) do update set ${set}`,
    );
  }
}

/** Inserts rows, skipping those whose key exists: history rows are written once. */
export async function insertNewRows<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  for (const { columns, arrays } of rows.length === 0 ? [] : rowGroups(table, rows)) {
    await db.execute(
      sql`insert into ${table} (${columnList(columns)}) select * from ${unnestOf(columns, arrays)}
        on conflict do nothing`,
    );
  }
}

/**
 * insertNewRows that also says which rows were new: the `returning` columns of each inserted row,
 * as raw values in column order.
 */
export async function insertNewRowsReturning<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly T["$inferInsert"][],
  returning: readonly PgColumn[],
): Promise<unknown[][]> {
  const inserted: unknown[][] = [];
  for (const { columns, arrays } of rows.length === 0 ? [] : rowGroups(table, rows)) {
    const result = (await db.execute(
      sql`insert into ${table} (${columnList(columns)}) select * from ${unnestOf(columns, arrays)}
        on conflict do nothing returning ${columnList(returning)}`,
    )) as unknown as Record<string, unknown>[] | { rows: Record<string, unknown>[] };
    for (const row of Array.isArray(result) ? result : result.rows) {
      inserted.push(returning.map((column) => row[column.name]));
    }
  }
  return inserted;
}

/**
 * Adds rows of deltas to counter rows: `counter = counter + delta` for each named column, a new
 * row for a new key.
 */
export async function addToCounters<T extends PgTable>(
  db: Database,
  table: T,
  keyColumns: readonly PgColumn[],
  counters: Record<string, PgColumn>,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  if (rows.length === 0) return;
  const name = sql.identifier(getTableName(table));
  const set = sql.join(
    Object.values(counters).map((column) => {
      const id = sql.identifier(column.name);
      return sql`${id} = ${name}.${id} + excluded.${id}`;
    }),
    sql`, `,
  );
  for (const { columns, arrays } of rowGroups(table, rows)) {
    await db.execute(
      sql`insert into ${table} (${columnList(columns)}) select * from ${unnestOf(columns, arrays)}
        on conflict (${columnList(keyColumns)}) do update set ${set}`,
    );
  }
}
