import { and, count, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.ts";
import {
  type EntitySpec,
  fieldOf,
  keyString,
  type Row,
  toEntityRow,
  valuesOf,
} from "./entity-spec.ts";
import { type FilterInput, filterCondition } from "./filters.ts";
import { matchKeys } from "./keys.ts";
import {
  type DefaultOrder,
  type ListArgs,
  type Page,
  preparePageQuery,
  toPage,
} from "./pagination.ts";

/** A child entity listed under a parent, e.g. the tasks of a session or the assignments of a node. */
export interface ChildRelation {
  child: EntitySpec;
  /** Child fields holding the parent's key, e.g. `["chainId", "miner"]` under a node. */
  parentKey: readonly string[];
  /** Parent fields giving that key, in the same order, e.g. `["chainId", "address"]`. */
  parentFields: readonly string[];
  /** Ordering when the query gives no `orderBy`; the child's default otherwise. */
  defaultOrder?: DefaultOrder;
}

function parentColumns(relation: ChildRelation) {
  return relation.parentKey.map((name) => fieldOf(relation.child, name).column);
}

function groupByParent(relation: ChildRelation, rows: Row[]) {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = keyString(valuesOf(row, relation.parentKey));
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/** `(values (0, $1::integer, $2::text), …) as parents(ord, k0, k1)`: the batch's parent keys. */
function parentKeysTable(
  columns: readonly PgColumn[],
  parentKeys: readonly (readonly unknown[])[],
) {
  const typed = (value: unknown, column: PgColumn) =>
    sql`${sql.param(value, column)}::${sql.raw(column.getSQLType())}`;
  const tuples = parentKeys.map(
    (key, ord) =>
      sql`(${ord}::integer, ${sql.join(
        columns.map((column, i) => typed(key[i], column)),
        sql`, `,
      )})`,
  );
  const names = columns.map((_, i) => `k${i}`).join(", ");
  return sql`(values ${sql.join(tuples, sql`, `)}) as parents(ord, ${sql.raw(names)})`;
}

/**
 * The same list page for many parents in one query: a lateral join runs the page query once per
 * parent key, so each parent reads only its first `first + 1` rows through the child's index
 * instead of every child of every parent in the batch.
 */
export async function fetchChildPages(
  db: Database,
  relation: ChildRelation,
  parentKeys: readonly (readonly unknown[])[],
  args: ListArgs,
  options: { maxPageSize: number; totalCount: (parentKey: readonly unknown[]) => Promise<number> },
): Promise<Page[]> {
  const { child } = relation;
  const query = preparePageQuery(child, args, options.maxPageSize, relation.defaultOrder);
  const columns = parentColumns(relation);
  const ofParent = columns.map((column, i) => eq(column, sql.raw(`parents.k${i}`)));
  const ordering = sql.join(query.orderBy, sql`, `);
  const page = db
    .select({
      ...getTableColumns(child.table),
      pageRow: sql<number>`row_number() over (order by ${ordering})`.as("page_row"),
    })
    .from(child.table)
    .where(and(...ofParent, query.condition))
    .orderBy(...query.orderBy)
    .limit(query.limit + 1)
    .as("page");
  const pageColumns = Object.fromEntries(
    Object.keys(getTableColumns(child.table)).map((name) => [
      name,
      page[name as keyof typeof page],
    ]),
  ) as Record<string, SQL.Aliased>;
  const rows = await db
    .select(pageColumns)
    .from(parentKeysTable(columns, parentKeys))
    .crossJoinLateral(page)
    .orderBy(sql`parents.ord`, page.pageRow);
  const groups = groupByParent(
    relation,
    rows.map((row) => toEntityRow(child, row)),
  );
  return parentKeys.map((key) =>
    toPage(child, query, groups.get(keyString(key)) ?? [], () => options.totalCount(key)),
  );
}

/** Number of children matching `where` for each parent, in one grouped query. */
export async function countChildren(
  db: Database,
  relation: ChildRelation,
  parentKeys: readonly (readonly unknown[])[],
  where: FilterInput | null | undefined,
): Promise<number[]> {
  const columns = parentColumns(relation);
  const keyFields = Object.fromEntries(relation.parentKey.map((name, i) => [name, columns[i]]));
  const filter: SQL | undefined = filterCondition(relation.child, where);
  const rows = await db
    .select({ ...keyFields, count: count() })
    .from(relation.child.table)
    .where(and(matchKeys(columns, parentKeys), filter))
    .groupBy(...columns);
  const counts = new Map(
    rows.map((row) => [keyString(valuesOf(row, relation.parentKey)), row.count as number]),
  );
  return parentKeys.map((key) => counts.get(keyString(key)) ?? 0);
}
