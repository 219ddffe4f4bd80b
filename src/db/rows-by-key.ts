import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client.ts";

/** Keeps one statement's bind parameters well below Postgres' limit of 65,535. */
const MAX_PARAMETERS = 30_000;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * `SELECT * FROM table WHERE (k1, k2, …) IN ((…), (…))`, parameterised and chunked.
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
  for (const part of chunk(keys, Math.floor(MAX_PARAMETERS / keyColumns.length))) {
    const tuples = part.map(
      (key) =>
        sql`(${sql.join(
          key.map((value) => sql`${value}`),
          sql`, `,
        )})`,
    );
    const condition: SQL = sql`(${sql.join([...keyColumns], sql`, `)}) in (${sql.join(tuples, sql`, `)})`;
    rows.push(
      ...((await db
        .select()
        .from(table as PgTable)
        .where(condition)) as T["$inferSelect"][]),
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
  const columns = getTableColumns(table);
  const set = Object.fromEntries(
    Object.entries(columns).map(([property, column]) => [
      property,
      sql.raw(`excluded."${column.name}"`),
    ]),
  );
  const perRow = Object.keys(columns).length;
  for (const part of chunk(rows, Math.max(1, Math.floor(MAX_PARAMETERS / perRow)))) {
    await db
      .insert(table as PgTable)
      .values(part as never)
      .onConflictDoUpdate({ target: [...keyColumns] as PgColumn[], set });
  }
}

/** Inserts rows, skipping those whose key exists: history rows are written once. */
export async function insertNewRows<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(getTableColumns(table)).length;
  for (const part of chunk(rows, Math.max(1, Math.floor(MAX_PARAMETERS / perRow)))) {
    await db
      .insert(table as PgTable)
      .values(part as never)
      .onConflictDoNothing();
  }
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
  const set = Object.fromEntries(
    Object.entries(counters).map(([property, column]) => [
      property,
      sql.raw(`"${getTableName(table)}"."${column.name}" + excluded."${column.name}"`),
    ]),
  );
  await db
    .insert(table as PgTable)
    .values(rows as never)
    .onConflictDoUpdate({ target: [...keyColumns] as PgColumn[], set });
}
