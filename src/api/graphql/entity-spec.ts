import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type FieldKind, fieldKinds } from "./field-kinds.ts";

/** A row as Drizzle returns it: column properties keyed by their TypeScript (and GraphQL) name. */
export type Row = Record<string, unknown>;

/** One filterable (and possibly orderable) field of an entity. */
export interface FieldSpec {
  column: PgColumn;
  kind: FieldKind;
  /** GraphQL enum type of an `enum` field. */
  enumType?: string;
  /** Offered as a value of the entity's OrderBy enum. */
  orderable?: boolean;
}

/**
 * Everything the generic list machinery (filters, ordering, cursors, pages) needs to know about
 * one table exposed as a GraphQL entity. Field names are the Drizzle property names, which are
 * also the GraphQL field names.
 */
export interface EntitySpec {
  typeName: string;
  table: PgTable;
  fields: Readonly<Record<string, FieldSpec>>;
  /** Primary-key fields, in index order: the ordering tie-breaker and the loader key. */
  primaryKey: readonly string[];
  /** Ordering used when a query gives no `orderBy`. */
  defaultOrderBy: string;
  /**
   * Fields whose GraphQL name differs from the Drizzle property they read (e.g. an assignment's
   * `status` is its `outcome` column): GraphQL name → property. See toEntityRow.
   */
  columnAliases?: Readonly<Record<string, string>>;
  /** Drizzle properties of columns that are not fields of the entity. */
  hiddenColumns?: readonly string[];
}

/** Names of the GraphQL types generated for an entity's list field. */
export function listTypeNames(spec: EntitySpec) {
  return {
    filter: `${spec.typeName}Filter`,
    orderBy: `${spec.typeName}OrderBy`,
    page: `${spec.typeName}Page`,
  };
}

/** The spec of a field the entity is known to have. */
export function fieldOf(spec: EntitySpec, name: string): FieldSpec {
  const field = spec.fields[name];
  if (!field) throw new Error(`${spec.typeName} has no field spec for ${name}`);
  return field;
}

/** GraphQL type of a field's values in filters. */
export function graphqlTypeOf(field: FieldSpec): string {
  const type = fieldKinds[field.kind].graphqlType ?? field.enumType;
  if (!type) throw new Error(`enum field on ${field.column.name} needs an enumType`);
  return type;
}

/** Identity of a row or key under `fields`, usable as a Map key. */
export function keyString(values: readonly unknown[]): string {
  return values.map(String).join(":");
}

/** Values of `fields` in a row, in order. */
export function valuesOf(row: Row, fields: readonly string[]): unknown[] {
  return fields.map((name) => row[name]);
}

/**
 * A fetched row as the list machinery and resolvers read it: aliased fields are copied under their
 * GraphQL name, so cursors, ordering values and parent keys find every field by that name.
 */
export function toEntityRow(spec: EntitySpec, row: Row): Row {
  if (!spec.columnAliases) return row;
  const entityRow = { ...row };
  for (const [name, property] of Object.entries(spec.columnAliases)) {
    entityRow[name] = row[property];
  }
  return entityRow;
}
