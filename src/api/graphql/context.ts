import type DataLoader from "dataloader";
import type { Database } from "../../db/client.ts";
import type { PhaseRow } from "../../db/control-schema/index.ts";
import type { PhaseDatabases } from "../../phase/phase-databases.ts";
import type { AdminOptions } from "../admin/admin-tokens.ts";
import type { ChildRelation } from "./child-lists.ts";
import type { EntitySpec, Row } from "./entity-spec.ts";
import {
  type ChildCountKey,
  type ChildPageKey,
  createChildCountLoader,
  createChildPageLoader,
  createRowLoader,
  type PrimaryKey,
} from "./loaders.ts";
import type { Page } from "./pagination.ts";

/** Returns the value cached under `key`, creating it on first use. */
function memoized<TKey, TValue>(cache: Map<TKey, TValue>, key: TKey, create: () => TValue): TValue {
  let value = cache.get(key);
  if (value === undefined) {
    value = create();
    cache.set(key, value);
  }
  return value;
}

/**
 * The dataloaders of one request, created on first use: one row loader per entity and one count
 * and one page loader per child relation, so every relation batches without being listed here.
 */
export class ApiLoaders {
  private readonly rowLoaders = new Map<EntitySpec, DataLoader<PrimaryKey, Row | null, string>>();
  private readonly countLoaders = new Map<
    ChildRelation,
    DataLoader<ChildCountKey, number, string>
  >();
  private readonly pageLoaders = new Map<ChildRelation, DataLoader<ChildPageKey, Page, string>>();

  constructor(
    private readonly db: Database,
    private readonly maxPageSize: number,
  ) {}

  /** Rows of `spec` by primary key. */
  rows(spec: EntitySpec): DataLoader<PrimaryKey, Row | null, string> {
    return memoized(this.rowLoaders, spec, () => createRowLoader(this.db, spec));
  }

  /** Each parent's number of children in `relation`. */
  childCounts(relation: ChildRelation): DataLoader<ChildCountKey, number, string> {
    return memoized(this.countLoaders, relation, () => createChildCountLoader(this.db, relation));
  }

  /** Each parent's page of children in `relation`. */
  childPages(relation: ChildRelation): DataLoader<ChildPageKey, Page, string> {
    return memoized(this.pageLoaders, relation, () =>
      createChildPageLoader(this.db, relation, this.childCounts(relation), this.maxPageSize),
    );
  }
}

/** Where a request's phase comes from, and what admin actions it may take. */
export interface PhaseAccess {
  /** Every phase's tables; absent on an app built on a bare `db` (it has no phases). */
  phases?: PhaseDatabases;
  admin?: AdminOptions;
}

/** What every resolver receives; built anew per request so loader caches never go stale. */
export interface ApiContext extends PhaseAccess {
  /** The tables of the phase this request reads. */
  db: Database;
  maxPageSize: number;
  loaders: ApiLoaders;
  /** The phase `db` belongs to; undefined on an index without phases. */
  phase?: PhaseRow;
  request?: Request;
}

/** The GraphQL context of one request. */
export function createApiContext(
  db: Database,
  maxPageSize: number,
  extra: Omit<ApiContext, "db" | "maxPageSize" | "loaders"> = {},
): ApiContext {
  return { db, maxPageSize, loaders: new ApiLoaders(db, maxPageSize), ...extra };
}
