import { type SQL, sql } from "drizzle-orm";
import type { KeyFilters } from "./kinds/export-kind.ts";

/**
 * Postgres types of filter values. Every value is sent as a text parameter with an explicit
 * cast, so postgres.js and PGlite bind them the same way whatever the JavaScript type.
 */
export type ValueCast = "int4" | "int8" | "numeric" | "text";

/** A parameter cast to its column's type. */
export function typedValue(value: string | number | bigint, cast: ValueCast): SQL {
  return sql`${String(value)}::${sql.raw(cast)}`;
}

/** `column in (v1, v2, …)`, each value a typed parameter; `false` for no values. */
export function inList(column: SQL, values: readonly (string | number)[], cast: ValueCast): SQL {
  if (values.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    values.map((value) => typedValue(value, cast)),
    sql`, `,
  )})`;
}

/** All conditions joined with `and`; `true` when there are none. */
export function allOf(conditions: readonly SQL[]): SQL {
  return conditions.length ? sql.join([...conditions], sql` and `) : sql`true`;
}

/**
 * The chain and session conditions on a child table's own `chain_id` / `session_id` columns
 * (prefixed with `alias.` when given), so a join input is narrowed before it is grouped.
 */
export function keyConditions(keys: KeyFilters, alias?: string): SQL {
  const column = (name: string) => sql.raw(alias ? `${alias}.${name}` : name);
  const conditions: SQL[] = [];
  if (keys.chainIds) conditions.push(inList(column("chain_id"), keys.chainIds, "int4"));
  if (keys.sessionIds) conditions.push(inList(column("session_id"), keys.sessionIds, "numeric"));
  return allOf(conditions);
}
