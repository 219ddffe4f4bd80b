import type { SQL } from "drizzle-orm";
import type { Database } from "./client.ts";

/**
 * Runs a raw statement and returns its rows with either driver: postgres.js answers with an array
 * of rows, PGlite with `{ rows }`. Both read int8 as bigint and float8 as number.
 */
export async function selectRows<TRow>(db: Database, query: SQL): Promise<TRow[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: TRow[] }).rows) as TRow[];
}
