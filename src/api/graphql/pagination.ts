import { and, count, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { PageSizeError } from "../errors.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { type EntitySpec, type Row, toEntityRow } from "./entity-spec.ts";
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

/** An ordering a list uses when the query names none (e.g. a node's assignments by block). */
export interface DefaultOrder {
  orderBy: string;
  direction: OrderDirection;
}

/** `orderBy`/`orderDirection` with a list's own default ordering applied to what is missing. */
function orderArgs(args: ListArgs, defaults: DefaultOrder | undefined) {
  if (!defaults || args.orderBy) return { orderBy: args.orderBy, direction: args.orderDirection };
  return { orderBy: defaults.orderBy, direction: args.orderDirection ?? defaults.direction };
}

/** Validates a list's arguments and builds its SQL pieces (no query is run). */
export function preparePageQuery(
  spec: EntitySpec,
  args: ListArgs,
  maxPageSize: number,
  defaultOrder?: DefaultOrder,
): PageQuery {
  const limit = resolvePageSize(args.first, maxPageSize);
  const { orderBy, direction } = orderArgs(args, defaultOrder);
  const order = resolveOrder(spec, orderBy, direction);
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

/** A page without rows, for a parent that cannot have any (e.g. a node without a node id). */
export function emptyPage(): Page {
  return {
    items: [],
    pageInfo: { hasNextPage: false, endCursor: null },
    totalCount: async () => 0,
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
  const items = rows.map((row) => toEntityRow(spec, row));
  return toPage(spec, query, items, () => countRows(db, spec, query.filter));
}
