import { readFileSync } from "node:fs";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { Plugin } from "graphql-yoga";
import { z } from "zod";
import { ConfigError } from "../../config/errors.ts";

/** Operations a deployment accepts by id, and whether it accepts anything else. */
export interface PersistedQueries {
  /** Operation id (usually the sha256 of the document) → GraphQL document. */
  operations: ReadonlyMap<string, string>;
  /** Refuse every operation sent as text instead of by id. */
  only: boolean;
}

/** A persisted-queries file that cannot be read or has the wrong shape. */
export class PersistedQueriesFileError extends ConfigError {
  override name = "PersistedQueriesFileError";
}

/** `{ "<id>": "<document>" }` (graphql-codegen's persisted documents) or Apollo's manifest. */
const fileSchema = z.union([
  z.record(z.string().min(1), z.string().min(1)),
  z.object({
    format: z.literal("apollo-persisted-query-manifest"),
    operations: z.array(z.object({ id: z.string().min(1), body: z.string().min(1) })),
  }),
]);

/** Reads a persisted-queries file; a problem is reported with the file and what was expected. */
export function loadPersistedQueries(path: string, only: boolean): PersistedQueries {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new PersistedQueriesFileError(
      `PERSISTED_QUERIES_FILE ${path}: ${(error as Error).message}`,
    );
  }
  const parsed = fileSchema.safeParse(content);
  if (!parsed.success) {
    throw new PersistedQueriesFileError(
      `PERSISTED_QUERIES_FILE ${path}: expected { "<id>": "<query>" } or an Apollo persisted-query manifest`,
    );
  }
  const entries =
    "format" in parsed.data && Array.isArray(parsed.data.operations)
      ? parsed.data.operations.map(({ id, body }) => [id, body] as const)
      : Object.entries(parsed.data as Record<string, string>);
  return { operations: new Map(entries), only };
}

const PERSISTED_QUERY_HINT = "extensions: { persistedQuery: { version: 1, sha256Hash: <id> } }";

/**
 * Runs operations sent by id (`extensions.persistedQuery.sha256Hash`, Apollo's protocol) from the
 * loaded list; with `only`, operations sent as text are refused, so clients can run nothing but
 * the reviewed queries. Persisted operations still pass the depth, cost and alias limits.
 */
export function persistedQueriesPlugin(queries: PersistedQueries): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => queries.operations.get(id) ?? null,
    allowArbitraryOperations: !queries.only,
    customErrors: {
      notFound: {
        message: "no persisted query has this id",
        extensions: { code: "PERSISTED_QUERY_NOT_FOUND" },
      },
      persistedQueryOnly: {
        message: `this server runs persisted queries only: send ${PERSISTED_QUERY_HINT}`,
        extensions: { code: "PERSISTED_QUERY_ONLY" },
      },
      keyNotFound: {
        message: `no query: send a query or ${PERSISTED_QUERY_HINT}`,
        extensions: { code: "PERSISTED_QUERY_ID_REQUIRED" },
      },
    },
  }) as Plugin;
}
