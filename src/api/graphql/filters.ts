import {
  and,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { type EntitySpec, type FieldSpec, graphqlTypeOf, listTypeNames } from "./entity-spec.ts";
import { fieldKinds } from "./field-kinds.ts";

/** Ponder-style filter operators; each appears in the input type as `field` + suffix. */
export type FilterOperator =
  | "eq"
  | "not"
  | "in"
  | "not_in"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "starts_with";

const operatorSuffix: Record<FilterOperator, string> = {
  eq: "",
  not: "_not",
  in: "_in",
  not_in: "_not_in",
  gt: "_gt",
  gte: "_gte",
  lt: "_lt",
  lte: "_lte",
  starts_with: "_starts_with",
};

const listOperators = new Set<FilterOperator>(["in", "not_in"]);

/** A `where` argument as GraphQL coerced it. */
export interface FilterInput {
  AND?: FilterInput[] | null;
  OR?: FilterInput[] | null;
  [key: string]: unknown;
}

interface FilterKey {
  field: FieldSpec;
  operator: FilterOperator;
}

/** The operators a field supports, decided by its kind. */
export function filterOperatorsFor(field: FieldSpec): FilterOperator[] {
  const kind = fieldKinds[field.kind];
  const operators: FilterOperator[] = ["eq", "not", "in", "not_in"];
  if (kind.comparable) operators.push("gt", "gte", "lt", "lte");
  if (kind.prefixSearch) operators.push("starts_with");
  return operators;
}

const filterKeyCache = new WeakMap<EntitySpec, Map<string, FilterKey>>();

/** Every input field name of the entity's filter type, with the field and operator it stands for. */
function filterKeys(spec: EntitySpec): Map<string, FilterKey> {
  let keys = filterKeyCache.get(spec);
  if (!keys) {
    keys = new Map();
    for (const [name, field] of Object.entries(spec.fields)) {
      for (const operator of filterOperatorsFor(field)) {
        keys.set(`${name}${operatorSuffix[operator]}`, { field, operator });
      }
    }
    filterKeyCache.set(spec, keys);
  }
  return keys;
}

/** SDL of the entity's `where` input type. */
export function filterInputSdl(spec: EntitySpec): string {
  const { filter } = listTypeNames(spec);
  const lines = [`AND: [${filter}!]`, `OR: [${filter}!]`];
  for (const [key, { field, operator }] of filterKeys(spec)) {
    const type = graphqlTypeOf(field);
    lines.push(`${key}: ${listOperators.has(operator) ? `[${type}!]` : type}`);
  }
  return `input ${filter} {\n  ${lines.join("\n  ")}\n}`;
}

function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

function operatorCondition(key: FilterKey, value: unknown, path: string): SQL | undefined {
  const { column } = key.field;
  const kind = fieldKinds[key.field.kind];
  if (value === null) {
    if (key.operator === "eq") return isNull(column);
    if (key.operator === "not") return isNotNull(column);
    return undefined;
  }
  const list = () =>
    (value as unknown[]).map((item, index) => kind.toColumnValue(item, `${path}[${index}]`));
  const one = () => kind.toColumnValue(value, path);
  switch (key.operator) {
    case "eq":
      return eq(column, one());
    case "not":
      return ne(column, one());
    case "in":
      return inArray(column, list());
    case "not_in":
      return notInArray(column, list());
    case "gt":
      return gt(column, one());
    case "gte":
      return gte(column, one());
    case "lt":
      return lt(column, one());
    case "lte":
      return lte(column, one());
    case "starts_with":
      return like(column, `${escapeLikePattern(kind.toPrefix(value, path))}%`);
  }
}

/** Nested filters of `AND`/`OR`; an empty filter matches everything, an empty OR list nothing. */
function combineNested(operator: "AND" | "OR", parts: (SQL | undefined)[]): SQL | undefined {
  if (operator === "AND") return and(...parts);
  return parts.length === 0 ? sql`false` : or(...parts.map((part) => part ?? sql`true`));
}

/**
 * Turns a `where` input into one parameterised SQL condition (undefined when it filters nothing).
 * Values are converted per field kind; a malformed one throws InvalidValueError naming its path.
 */
export function filterCondition(
  spec: EntitySpec,
  where: FilterInput | null | undefined,
  path = "where",
): SQL | undefined {
  if (!where) return undefined;
  const keys = filterKeys(spec);
  const conditions: (SQL | undefined)[] = [];
  for (const [name, value] of Object.entries(where)) {
    if (name === "AND" || name === "OR") {
      if (!value) continue;
      const parts = (value as FilterInput[]).map((nested, index) =>
        filterCondition(spec, nested, `${path}.${name}[${index}]`),
      );
      conditions.push(combineNested(name, parts));
      continue;
    }
    const key = keys.get(name);
    if (!key) throw new Error(`${listTypeNames(spec).filter} has no input field ${name}`);
    conditions.push(operatorCondition(key, value, `${path}.${name}`));
  }
  return and(...conditions);
}
