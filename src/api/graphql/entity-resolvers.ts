import type { ChildRelation } from "./child-lists.ts";
import type { ApiContext } from "./context.ts";
import { type EntitySpec, type Row, valuesOf } from "./entity-spec.ts";
import { primaryKeyFromArgs } from "./keys.ts";
import { emptyPage, fetchPage, type ListArgs, preparePageQuery } from "./pagination.ts";

/** A row found by the target entity's primary key, read from fields of the parent row. */
export interface RowRelation {
  target: EntitySpec;
  /** Parent fields holding the target's primary key, in key order. */
  parentFields: readonly string[];
}

/** The parent's values of `fields`, or undefined when one is null: no row can match then. */
function parentKeyOf(parent: Row, fields: readonly string[]): unknown[] | undefined {
  const key = valuesOf(parent, fields);
  return key.some((value) => value === null || value === undefined) ? undefined : key;
}

/**
 * Resolver of a top-level list (`nodes`, `validations`, …). Its rows prime the entity's row
 * loader, so a nested field pointing back at one of them needs no query.
 */
export function listResolver(spec: EntitySpec) {
  return async (_: unknown, args: ListArgs, context: ApiContext) => {
    const page = await fetchPage(context.db, spec, args, context.maxPageSize);
    const loader = context.loaders.rows(spec);
    for (const row of page.items) loader.prime(valuesOf(row, spec.primaryKey), row);
    return page;
  };
}

/** Resolver of a lookup by primary key (`node(chainId, address)`); null when there is none. */
export function lookupResolver(spec: EntitySpec) {
  return (_: unknown, args: Record<string, unknown>, context: ApiContext) =>
    context.loaders.rows(spec).load(primaryKeyFromArgs(spec, args));
}

/** Resolver of a field holding one related row (`TaskAssignment.node`), batched per request. */
export function relatedRowResolver(relation: RowRelation) {
  return (parent: Row, _: unknown, context: ApiContext) => {
    const key = parentKeyOf(parent, relation.parentFields);
    return key ? context.loaders.rows(relation.target).load(key) : null;
  };
}

/** Resolver of a nested list (`Task.assignments`): one query per batch of parents. */
export function childPageResolver(relation: ChildRelation) {
  return (parent: Row, args: ListArgs, context: ApiContext) => {
    const parentKey = parentKeyOf(parent, relation.parentFields);
    if (parentKey) return context.loaders.childPages(relation).load({ parentKey, args });
    // Validated all the same, so bad arguments fail whatever the parent.
    preparePageQuery(relation.child, args, context.maxPageSize, relation.defaultOrder);
    return emptyPage();
  };
}

/** Resolver of a parent's number of children (`Session.taskCount`), batched per request. */
export function childCountResolver(relation: ChildRelation) {
  return (parent: Row, _: unknown, context: ApiContext) => {
    const parentKey = parentKeyOf(parent, relation.parentFields);
    return parentKey ? context.loaders.childCounts(relation).load({ parentKey }) : 0;
  };
}
