import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { ColumnType, ExportColumn } from "./columns.ts";
import type { ExportFilters } from "./export-request.ts";
import type { ExportKind } from "./kinds/export-kind.ts";
import { allOf, inList, typedValue } from "./sql-conditions.ts";

/** A statement ready for either driver: `$n` placeholders and their values. */
export interface CompiledQuery {
  text: string;
  params: unknown[];
}

const dialect = new PgDialect();

function compile(query: SQL): CompiledQuery {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { text, params };
}

/** Filters once `network` has been turned into the chain ids it names. */
export type ResolvedFilters = Omit<ExportFilters, "network">;

/** The conditions of every filter given, on the kind's columns. */
function whereClause(kind: ExportKind, filters: ResolvedFilters): SQL {
  const columns = kind.filterColumns;
  const conditions: SQL[] = [];
  const atLeast = (column: SQL, value: bigint) => sql`${column} >= ${typedValue(value, "int8")}`;
  const atMost = (column: SQL, value: bigint) => sql`${column} <= ${typedValue(value, "int8")}`;
  if (filters.chainIds) conditions.push(inList(columns.chain, filters.chainIds, "int4"));
  if (filters.fromBlock !== undefined) conditions.push(atLeast(columns.block, filters.fromBlock));
  if (filters.toBlock !== undefined) conditions.push(atMost(columns.block, filters.toBlock));
  if (filters.from !== undefined) conditions.push(atLeast(columns.time, filters.from));
  if (filters.to !== undefined) conditions.push(atMost(columns.time, filters.to));
  if (filters.sessionIds && columns.session) {
    conditions.push(inList(columns.session, filters.sessionIds, "numeric"));
  }
  if (filters.owner && columns.owner) {
    conditions.push(sql`${columns.owner} = ${typedValue(filters.owner, "text")}`);
  }
  if (filters.statuses && columns.status) {
    conditions.push(inList(columns.status, filters.statuses, "text"));
  }
  if (filters.miner && columns.miner) conditions.push(columns.miner(filters.miner));
  return allOf(conditions);
}

/**
 * How the rows are consumed, which decides the cast of each column type:
 * - `values`: decoded by the driver (Parquet): numeric and json as text, exact and unparsed;
 * - `text`: every value as Postgres' text (CSV and NDJSON encoded in Node): digits, `true`/`false`,
 *   JSON text, so the driver parses nothing;
 * - `csv`: written by `COPY … (format csv)`, which prints each type's text form itself; booleans
 *   are cast, or they would print as `t`/`f`.
 */
export type RowRepresentation = "values" | "text" | "csv";

const ALL_AS_TEXT = {
  int32: "text",
  int64: "text",
  timestamp: "text",
  uint256: "text",
  boolean: "text",
  json: "text",
} as const;

const CASTS: Record<RowRepresentation, Partial<Record<ColumnType, string>>> = {
  values: { uint256: "text", json: "text" },
  text: ALL_AS_TEXT,
  csv: { boolean: "text" },
};

function selectExpression(column: ExportColumn, representation: RowRepresentation): SQL {
  const cast = CASTS[representation][column.type];
  const value = cast ? sql`(${column.expression})::${sql.raw(cast)}` : column.expression;
  return sql`${value} as ${sql.identifier(column.name)}`;
}

/**
 * The export's rows in key order: every column of the kind, narrowed by the filters, each cast
 * for the rows' consumer (see RowRepresentation).
 */
export function exportQuery(
  kind: ExportKind,
  filters: ResolvedFilters,
  representation: RowRepresentation,
): CompiledQuery {
  const select = sql.join(
    kind.columns.map((column) => selectExpression(column, representation)),
    sql`, `,
  );
  const from = kind.from({ chainIds: filters.chainIds, sessionIds: filters.sessionIds });
  return compile(
    sql`select ${select} from ${from} where ${whereClause(kind, filters)} order by ${kind.orderBy}`,
  );
}

/** How many rows the export has: for progress and ETA, read in the same snapshot. */
export function countQuery(kind: ExportKind, filters: ResolvedFilters): CompiledQuery {
  return compile(
    sql`select count(*)::int8 as count from ${kind.countFrom} where ${whereClause(kind, filters)}`,
  );
}
