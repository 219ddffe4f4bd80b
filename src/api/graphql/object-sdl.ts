import { getTableColumns } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { EntitySpec } from "./entity-spec.ts";

/** Options of entityTypeSdl. */
export interface EntityTypeOptions {
  description: string;
  /** Descriptions of column fields, by GraphQL name; `…At` numbers default to "Unix seconds.". */
  fieldDescriptions?: Readonly<Record<string, string>>;
  /** Further fields (computed values, relations) as SDL lines. */
  extraFields?: readonly string[];
}

function columnGraphqlType(column: PgColumn, enumType: string | undefined): string {
  if (enumType) return enumType;
  switch (column.columnType) {
    case "PgInteger":
      return "Int";
    case "PgBigInt64":
    case "PgNumeric":
      return "BigInt";
    case "PgBoolean":
      return "Boolean";
    // JSON columns of these tables all hold lists of addresses or ids.
    case "PgJsonb":
      return "[String!]";
    default:
      return "String";
  }
}

function describe(text: string | undefined): string {
  return text ? `${JSON.stringify(text)}\n  ` : "";
}

/**
 * SDL of an entity's object type with one field per table column not hidden (GraphQL name, type from the
 * column or the field's enum, non-null when the column is), then `extraFields`.
 */
export function entityTypeSdl(spec: EntitySpec, options: EntityTypeOptions): string {
  const names = new Map(
    Object.entries(spec.columnAliases ?? {}).map(([name, property]) => [property, name]),
  );
  const columns = Object.entries(getTableColumns(spec.table)).filter(
    ([property]) => !spec.hiddenColumns?.includes(property),
  );
  const lines = columns.map(([property, column]) => {
    const name = names.get(property) ?? property;
    const type = columnGraphqlType(column, spec.fields[name]?.enumType);
    const unixSeconds = name.endsWith("At") && type === "BigInt" ? "Unix seconds." : undefined;
    const description = options.fieldDescriptions?.[name] ?? unixSeconds;
    return `${describe(description)}${name}: ${type}${column.notNull ? "!" : ""}`;
  });
  const body = [...lines, ...(options.extraFields ?? [])].join("\n  ");
  return `${describe(options.description)}type ${spec.typeName} {\n  ${body}\n}`;
}

/** One SDL field definition with its description, for `extraFields`. */
export function fieldSdl(description: string, definition: string): string {
  return `${describe(description)}${definition}`;
}
