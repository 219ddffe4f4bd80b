import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { EntitySpec, FieldSpec } from "./entity-spec.ts";
import type { FieldKind } from "./field-kinds.ts";

/** How a column is filtered: its kind, an enum type, or `false` when it is not filterable. */
export type FieldChoice = FieldKind | { enumType: string } | false;

/** Filter kind of a column when the spec does not choose one; other column types are not filterable. */
const KIND_BY_COLUMN_TYPE: Readonly<Record<string, FieldKind>> = {
  PgInteger: "int",
  PgBigInt64: "bigint",
  PgNumeric: "uint256",
  PgText: "text",
  PgBoolean: "boolean",
};

/** Numbers sort meaningfully; text, enums and flags are only filtered. */
const ORDERABLE_KINDS: ReadonlySet<FieldKind> = new Set(["int", "bigint", "uint256"]);

/** Options of tableEntitySpec. */
export interface TableSpecOptions {
  typeName: string;
  table: PgTable;
  /** Primary-key fields by GraphQL name, in index order. */
  primaryKey: readonly string[];
  /** Defaults to the first primary-key field. */
  defaultOrderBy?: string;
  /** Filter kinds differing from the column type's default, by Drizzle property. */
  kinds?: Readonly<Record<string, FieldChoice>>;
  /** GraphQL names differing from the Drizzle property, by property (e.g. `outcome: "status"`). */
  rename?: Readonly<Record<string, string>>;
  /** Columns kept out of the API (workers' bookkeeping), by Drizzle property. */
  hidden?: readonly string[];
}

function fieldFor(column: PgColumn, choice: FieldChoice | undefined): FieldSpec | undefined {
  if (choice === false) return undefined;
  if (typeof choice === "object") return { column, kind: "enum", enumType: choice.enumType };
  const kind = choice ?? KIND_BY_COLUMN_TYPE[column.columnType];
  if (!kind) return undefined;
  return { column, kind, ...(ORDERABLE_KINDS.has(kind) ? { orderable: true } : {}) };
}

/**
 * An entity spec read off a Drizzle table: every integer, uint256, text and boolean column is
 * filterable (numbers also orderable) under its property name, unless `kinds` or `rename` say
 * otherwise. JSON columns are never filterable; `hidden` columns are not in the API at all.
 */
export function tableEntitySpec(options: TableSpecOptions): EntitySpec {
  const fields: Record<string, FieldSpec> = {};
  for (const [property, column] of Object.entries(getTableColumns(options.table))) {
    if (options.hidden?.includes(property)) continue;
    const field = fieldFor(column, options.kinds?.[property]);
    if (field) fields[options.rename?.[property] ?? property] = field;
  }
  const [firstKeyField] = options.primaryKey;
  if (!firstKeyField) throw new Error(`${options.typeName} needs a primary key`);
  const spec: EntitySpec = {
    typeName: options.typeName,
    table: options.table,
    fields,
    primaryKey: options.primaryKey,
    defaultOrderBy: options.defaultOrderBy ?? firstKeyField,
    ...(options.hidden ? { hiddenColumns: options.hidden } : {}),
  };
  if (!options.rename) return spec;
  const aliases = Object.entries(options.rename).map(([property, name]) => [name, property]);
  return { ...spec, columnAliases: Object.fromEntries(aliases) };
}
