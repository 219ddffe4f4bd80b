import { and, count, getTableColumns, lte, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type EntitySpec, fieldOf, keyString, type Row, valuesOf } from "./entity-spec.ts";
import { type FilterInput, filterCondition } from "./filters.ts";
import { matchKeys } from "./keys.ts";
import { type ListArgs, type Page, preparePageQuery, toPage } from "./pagination.ts";

/** A child entity listed under a parent, e.g. the tasks of a session. */
export interface ChildRelation {
  child: EntitySpec;
  /** Child fields holding the parent's primary key, in the parent's key order. */
  parentKey: readonly string[];
}

function parentColumns(relation: ChildRelation) {
  return relation.parentKey.map((name) => fieldOf(relation.child, name).column);
}

function groupByParent<TRow extends Row>(relation: ChildRelation, rows: TRow[]) {
  const groups = new Map<string, TRow[]>();
  for (const row of rows) {
    const id = keyString(valuesOf(row, relation.parentKey));
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/**
 * The same list page for many parents in one query: rows are numbered per parent with the list's
 * ordering (`row_number() over (partition by parent …)`) and each parent keeps its first page.
 */
export async function fetchChildPages(
  db: Database,
  relation: ChildRelation,
  parentKeys: readonly (readonly unknown[])[],
  args: ListArgs,
  options: { maxPageSize: number; totalCount: (parentKey: readonly unknown[]) => Promise<number> },
): Promise<Page[]> {
  const { child } = relation;
  const query = preparePageQuery(child, args, options.maxPageSize);
  const partition = sql.join(parentColumns(relation), sql`, `);
  const ordering = sql.join(query.orderBy, sql`, `);
  const pageRow = sql<number>`row_number() over (partition by ${partition} order by ${ordering})`;
  const ranked = db
    .select({ ...getTableColumns(child.table), pageRow: pageRow.as("page_row") })
    .from(child.table)
    .where(and(matchKeys(parentColumns(relation), parentKeys), query.condition))
    .as("ranked");
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.pageRow, query.limit + 1))
    .orderBy(ranked.pageRow);
  const groups = groupByParent(
    relation,
    rows.map(({ pageRow: _, ...row }) => row as Row),
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
