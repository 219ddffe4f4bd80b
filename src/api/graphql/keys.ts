import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { InvalidValueError } from "../errors.ts";
import { type EntitySpec, fieldOf, keyString } from "./entity-spec.ts";
import { fieldKinds } from "./field-kinds.ts";

/**
 * Condition matching rows whose `columns` equal any of `keys` (tuples in column order), grouped by
 * leading value so a batch of one chain's keys becomes `chain_id = $1 and session_id in (…)`.
 */
export function matchKeys(
  columns: readonly PgColumn[],
  keys: readonly (readonly unknown[])[],
): SQL {
  const [column, ...rest] = columns;
  if (!column) return sql`true`;
  if (rest.length === 0) return inArray(column, [...new Set(keys.map((key) => key[0]))]);
  const groups = new Map<string, { value: unknown; tails: unknown[][] }>();
  for (const [value, ...tail] of keys) {
    const id = keyString([value]);
    const group = groups.get(id) ?? { value, tails: [] };
    group.tails.push(tail);
    groups.set(id, group);
  }
  const branches = [...groups.values()].map(({ value, tails }) =>
    and(eq(column, value), matchKeys(rest, tails)),
  );
  return or(...branches) ?? sql`false`;
}

/**
 * Primary-key values from GraphQL arguments (`session(chainId, sessionId)`), converted per field
 * kind; a malformed value throws InvalidValueError naming the argument.
 */
export function primaryKeyFromArgs(spec: EntitySpec, args: Record<string, unknown>): unknown[] {
  return spec.primaryKey.map((name) => {
    const value = args[name];
    if (value === undefined || value === null) throw new InvalidValueError(name, "is required");
    return fieldKinds[fieldOf(spec, name).kind].toColumnValue(value, name);
  });
}
