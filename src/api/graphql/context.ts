import type { Database } from "../../db/client.ts";
import { sessionSpec, sessionTasks, taskSpec } from "./entities.ts";
import { createChildCountLoader, createChildPageLoader, createRowLoader } from "./loaders.ts";

/** What every resolver receives; built anew per request so loader caches never go stale. */
export interface ApiContext {
  db: Database;
  maxPageSize: number;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(db: Database, maxPageSize: number) {
  const sessionTaskCounts = createChildCountLoader(db, sessionTasks);
  return {
    sessions: createRowLoader(db, sessionSpec),
    tasks: createRowLoader(db, taskSpec),
    sessionTaskCounts,
    sessionTaskPages: createChildPageLoader(db, sessionTasks, sessionTaskCounts, maxPageSize),
  };
}

/** The GraphQL context of one request. */
export function createApiContext(db: Database, maxPageSize: number): ApiContext {
  return { db, maxPageSize, loaders: createLoaders(db, maxPageSize) };
}
