import { and, count, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { PageSizeError } from "../errors.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { EntitySpec, Row } from "./entity-spec.ts";
import { type FilterInput, filterCondition } from "./filters.ts";
import {
  type OrderDirection,
  orderByClause,
  type PageOrder,
  resolveOrder,
  rowsAfterCondition,
} from "./ordering.ts";

/** Arguments every list field takes. */
export interface ListArgs {
  where?: FilterInput | null;
  orderBy?: string | null;
  orderDirection?: OrderDirection | null;
  first?: number | null;
  after?: string | null;
}

/** One page of a list, as the GraphQL `…Page` types expose it. */
export interface Page<TRow = Row> {
  items: TRow[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when the query selects `totalCount` (graphql-js calls function properties). */
  totalCount: () => Promise<number>;
}

/** `first` when a query gives none. */
export const DEFAULT_PAGE_SIZE = 50;

/** A list query with its arguments validated and turned into SQL pieces. */
export interface PageQuery {
  order: PageOrder;
  /** Rows to return; one more is fetched to learn whether another page follows. */
  limit: number;
  orderBy: SQL[];
  /** The `where` filter alone: what `totalCount` counts. */
  filter: SQL | undefined;
  /** The filter and the `after` cursor together: which rows the page starts from. */
  condition: SQL | undefined;
}

/** Validates `first` against the cap; a negative or too large value throws PageSizeError. */
export function resolvePageSize(first: number | null | undefined, maxPageSize: number): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  if (first < 0 || first > maxPageSize) {
    throw new PageSizeError("first", `must be between 0 and ${maxPageSize}, got ${first}`);
  }
  return first;
}

/** Validates a list's arguments and builds its SQL pieces (no query is run). */
export function preparePageQuery(spec: EntitySpec, args: ListArgs, maxPageSize: number): PageQuery {
  const limit = resolvePageSize(args.first, maxPageSize);
  const order = resolveOrder(spec, args.orderBy, args.orderDirection);
  const filter = filterCondition(spec, args.where);
  const after = args.after
    ? rowsAfterCondition(spec, order, decodeCursor(spec, order, args.after))
    : undefined;
  return {
    order,
    limit,
    orderBy: orderByClause(spec, order),
    filter,
    condition: and(filter, after),
  };
}

/** Makes a page from rows fetched with `limit + 1`. */
export function toPage<TRow extends Row>(
  spec: EntitySpec,
  query: PageQuery,
  rows: TRow[],
  totalCount: () => Promise<number>,
): Page<TRow> {
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    pageInfo: {
      hasNextPage: rows.length > query.limit,
      endCursor: last ? encodeCursor(spec, query.order, last) : null,
    },
    totalCount,
  };
}

/** Number of the entity's rows matching a condition. */
export async function countRows(
  db: Database,
  spec: EntitySpec,
  condition: SQL | undefined,
): Promise<number> {
  const [result] = await db.select({ count: count() }).from(spec.table).where(condition);
  return result?.count ?? 0;
}

/** Runs one list query: a keyset page of the entity, with its total count available lazily. */
export async function fetchPage(
  db: Database,
  spec: EntitySpec,
  args: ListArgs,
  maxPageSize: number,
): Promise<Page> {
  const query = preparePageQuery(spec, args, maxPageSize);
  const rows = await db
    .select()
    .from(spec.table)
    .where(query.condition)
    .orderBy(...query.orderBy)
    .limit(query.limit + 1);
  return toPage(spec, query, rows as Row[], () => countRows(db, spec, query.filter));
}
