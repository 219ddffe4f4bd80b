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

/** Column types whose values are read as text anyway (see columns.ts). */
const READ_AS_TEXT: ReadonlySet<ColumnType> = new Set(["uint256", "json", "string"]);

function selectExpression(column: ExportColumn, textual: boolean): SQL {
  const value =
    textual && !READ_AS_TEXT.has(column.type)
      ? sql`(${column.expression})::text`
      : column.expression;
  return sql`${value} as ${sql.identifier(column.name)}`;
}

/**
 * The export's rows in key order: every column of the kind, narrowed by the filters. With
 * `textual` (CSV, NDJSON) every value is read as Postgres' text: integers as decimal digits,
 * booleans as `true`/`false`, exactly what those formats write, so the driver parses nothing.
 */
export function exportQuery(
  kind: ExportKind,
  filters: ResolvedFilters,
  { textual = false }: { textual?: boolean } = {},
): CompiledQuery {
  const select = sql.join(
    kind.columns.map((column) => selectExpression(column, textual)),
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
