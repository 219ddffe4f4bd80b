import DataLoader from "dataloader";
import type { Database } from "../../db/client.ts";
import { type ChildRelation, countChildren, fetchChildPages } from "./child-lists.ts";
import {
  type EntitySpec,
  fieldOf,
  keyString,
  type Row,
  toEntityRow,
  valuesOf,
} from "./entity-spec.ts";
import type { FilterInput } from "./filters.ts";
import { matchKeys } from "./keys.ts";
import type { ListArgs, Page } from "./pagination.ts";

/** Bounds the keys (and so the bind parameters) of one batched statement. */
const MAX_BATCH_SIZE = 1000;

/** Key of a row loader: the primary-key values in the spec's key order. */
export type PrimaryKey = readonly unknown[];

/** Key of a child-count loader: which parent, and the children's filter. */
export interface ChildCountKey {
  parentKey: PrimaryKey;
  where?: FilterInput | null;
}

/** Key of a child-page loader: which parent, and the list arguments. */
export interface ChildPageKey {
  parentKey: PrimaryKey;
  args: ListArgs;
}

/**
 * Runs a batch as one query per group of keys sharing the same arguments. A group that fails
 * (e.g. a malformed cursor) fails only its own keys.
 */
async function loadInGroups<TKey, TValue>(
  keys: readonly TKey[],
  groupOf: (key: TKey) => string,
  load: (group: TKey[]) => Promise<TValue[]>,
): Promise<(TValue | Error)[]> {
  const groups = new Map<string, TKey[]>();
  for (const key of keys) {
    const id = groupOf(key);
    const group = groups.get(id);
    if (group) group.push(key);
    else groups.set(id, [key]);
  }
  const results = new Map<TKey, TValue | Error>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      try {
        const values = await load(group);
        for (const [index, key] of group.entries()) results.set(key, values[index] as TValue);
      } catch (error) {
        for (const key of group) results.set(key, error as Error);
      }
    }),
  );
  return keys.map((key) => results.get(key) as TValue | Error);
}

/** Loads rows of an entity by primary key, one query per batch; missing rows load as null. */
export function createRowLoader(db: Database, spec: EntitySpec) {
  const columns = spec.primaryKey.map((name) => fieldOf(spec, name).column);
  return new DataLoader<PrimaryKey, Row | null, string>(
    async (keys) => {
      const rows = await db.select().from(spec.table).where(matchKeys(columns, keys));
      const byKey = new Map(
        rows.map((row) => {
          const entityRow = toEntityRow(spec, row);
          return [keyString(valuesOf(entityRow, spec.primaryKey)), entityRow];
        }),
      );
      return keys.map((key) => byKey.get(keyString(key)) ?? null);
    },
    { cacheKeyFn: keyString, maxBatchSize: MAX_BATCH_SIZE },
  );
}

/** Counts each parent's children, one grouped query per distinct filter in a batch. */
export function createChildCountLoader(db: Database, relation: ChildRelation) {
  const groupOf = (key: ChildCountKey) => JSON.stringify(key.where ?? null);
  return new DataLoader<ChildCountKey, number, string>(
    (keys) =>
      loadInGroups(keys, groupOf, (group) =>
        countChildren(
          db,
          relation,
          group.map((key) => key.parentKey),
          group[0]?.where,
        ),
      ),
    {
      cacheKeyFn: (key) => `${keyString(key.parentKey)}|${groupOf(key)}`,
      maxBatchSize: MAX_BATCH_SIZE,
    },
  );
}

/**
 * Loads each parent's page of children, one windowed query per distinct list arguments in a
 * batch; the pages' totalCount goes through `counts` so it is batched too.
 */
export function createChildPageLoader(
  db: Database,
  relation: ChildRelation,
  counts: DataLoader<ChildCountKey, number, string>,
  maxPageSize: number,
) {
  const groupOf = (key: ChildPageKey) => JSON.stringify(key.args);
  return new DataLoader<ChildPageKey, Page, string>(
    (keys) =>
      loadInGroups(keys, groupOf, (group) => {
        const args = group[0]?.args ?? {};
        return fetchChildPages(
          db,
          relation,
          group.map((key) => key.parentKey),
          args,
          {
            maxPageSize,
            totalCount: (parentKey) => counts.load({ parentKey, where: args.where }),
          },
        );
      }),
    {
      cacheKeyFn: (key) => `${keyString(key.parentKey)}|${groupOf(key)}`,
      maxBatchSize: MAX_BATCH_SIZE,
    },
  );
}
