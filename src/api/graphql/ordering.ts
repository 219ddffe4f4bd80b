import { and, asc, desc, isNull, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type EntitySpec, fieldOf, listTypeNames } from "./entity-spec.ts";

/** Values of the GraphQL `OrderDirection` enum. */
export type OrderDirection = "asc" | "desc";

/** The resolved ordering of a list: the chosen field, then the primary key as tie-breaker. */
export interface PageOrder {
  orderBy: string;
  direction: OrderDirection;
  /** `orderBy` followed by the primary-key fields it is not one of; together they are unique. */
  fields: readonly string[];
}

/** Resolves a list's `orderBy`/`orderDirection` arguments, applying the entity's defaults. */
export function resolveOrder(
  spec: EntitySpec,
  orderBy: string | null | undefined,
  direction: OrderDirection | null | undefined,
): PageOrder {
  const chosen = orderBy ?? spec.defaultOrderBy;
  return {
    orderBy: chosen,
    direction: direction ?? "asc",
    fields: [chosen, ...spec.primaryKey.filter((name) => name !== chosen)],
  };
}

function orderColumns(spec: EntitySpec, order: PageOrder): PgColumn[] {
  return order.fields.map((name) => fieldOf(spec, name).column);
}

/**
 * ORDER BY terms for the ordering. NULLs sort last in both directions so that keyset pagination
 * has one place to put them; NOT NULL columns keep plain asc/desc so their indexes stay usable.
 */
export function orderByClause(spec: EntitySpec, order: PageOrder): SQL[] {
  return orderColumns(spec, order).map((column) => {
    if (column.notNull) return order.direction === "asc" ? asc(column) : desc(column);
    return order.direction === "asc"
      ? sql`${column} asc nulls last`
      : sql`${column} desc nulls last`;
  });
}

function rowComparison(columns: PgColumn[], values: unknown[], direction: OrderDirection): SQL {
  const operator = direction === "asc" ? sql`>` : sql`<`;
  const params = values.map((value, index) => sql.param(value, columns[index]));
  return sql`(${sql.join(columns, sql`, `)}) ${operator} (${sql.join(params, sql`, `)})`;
}

/**
 * Keyset condition selecting the rows after the one whose ordering values are `values`.
 * Only the first column can be NULL (primary-key columns never are), and NULLs come last.
 */
export function rowsAfterCondition(spec: EntitySpec, order: PageOrder, values: unknown[]): SQL {
  const columns = orderColumns(spec, order);
  const [first] = columns;
  if (!first || first.notNull) return rowComparison(columns, values, order.direction);
  if (values[0] === null) {
    return and(
      isNull(first),
      rowComparison(columns.slice(1), values.slice(1), order.direction),
    ) as SQL;
  }
  return or(rowComparison(columns, values, order.direction), isNull(first)) as SQL;
}

/** SDL of the entity's OrderBy enum (its orderable fields). */
export function orderByEnumSdl(spec: EntitySpec): string {
  const names = Object.entries(spec.fields)
    .filter(([, field]) => field.orderable)
    .map(([name]) => name);
  return `enum ${listTypeNames(spec).orderBy} {\n  ${names.join("\n  ")}\n}`;
}
