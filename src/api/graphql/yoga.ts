import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import {
  createYoga,
  type GraphiQLOptions,
  maskError,
  type Plugin,
  type YogaLogger,
} from "graphql-yoga";
import type { Logger } from "pino";
import type { Database } from "../../db/client.ts";
import { isCausedByClient } from "../errors.ts";
import type { LiveFeed } from "../live/live-feed.ts";
import { type PersistedQueries, persistedQueriesPlugin } from "../middleware/persisted-queries.ts";
import { isStatementTimeout, statementTimeoutError } from "../middleware/statement-timeout.ts";
import { bigIntLiteralRule } from "./bigint-literal-rule.ts";
import type { PhaseAccess } from "./context.ts";
import { createRequestContext } from "./request-context.ts";
import { createApiSchema } from "./schema.ts";

/** Limits graphql-armor enforces on every operation. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 30,
  maxTokens: 2000,
  maxDirectives: 20,
  /**
   * graphql-armor's cost multiplies a list by its literal `first`: a full 1000-row page of
   * every Task field costs about 75 000, a page of 100 sessions each listing 100 tasks ~600 000.
   */
  maxCost: 100_000,
} as const;

/** The example GraphiQL opens with. */
export const GRAPHIQL_DEFAULT_QUERY = /* GraphQL */ `{
  _meta {
    chains { chainId name latestBlock { number timestamp } headBlock hasIndexingErrors }
  }
  sessions(first: 10, orderBy: createdBlock, orderDirection: desc) {
    items {
      chainId
      sessionId
      owner
      state
      createdAt
      taskCount
      tasks(first: 3) { items { taskId status } }
    }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}
`;

function toYogaLogger(logger: Logger): YogaLogger {
  const forward =
    (level: keyof YogaLogger) =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error) logger[level]({ err: first }, first.message);
      else logger[level](rest.length > 0 ? { details: rest } : {}, String(first));
    };
  return {
    debug: forward("debug"),
    info: forward("info"),
    warn: forward("warn"),
    error: forward("error"),
  };
}

const bigIntLiteralPlugin: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(bigIntLiteralRule);
  },
};

/**
 * Yoga's masking ("Unexpected error."), except for errors the client caused, shown as they are,
 * and statements cancelled by the statement timeout, told as such without their SQL.
 */
function maskInternalErrors(error: unknown, message: string, isDev?: boolean): Error {
  if (isCausedByClient(error)) return error as Error;
  if (isStatementTimeout(error)) return statementTimeoutError(error);
  return maskError(error, message, isDev);
}

/** GraphiQL with its scripts and styles inlined: nothing is fetched from a CDN. */
async function renderLocalGraphiQL(options: GraphiQLOptions): Promise<string> {
  // Loaded on first use: the bundle is ~9 MB and most processes never serve the page.
  const { renderGraphiQL } = await import("@graphql-yoga/render-graphiql");
  return renderGraphiQL(options);
}

/** Options of createGraphqlHandler. */
export interface GraphqlHandlerOptions extends PhaseAccess {
  db: Database;
  logger: Logger;
  maxPageSize: number;
  /** Feeds the subscriptions; without it they answer that this server does not serve them. */
  live?: LiveFeed;
  /** Operations accepted by id (and, with `only`, nothing else). */
  persistedQueries?: PersistedQueries;
}

/**
 * The yoga server answering `/graphql`: the schema, a fresh context (and dataloaders) per request,
 * graphql-armor limits, masked internal errors and a locally served GraphiQL.
 */
export function createGraphqlHandler(options: GraphqlHandlerOptions) {
  return createYoga({
    schema: createApiSchema(options.live),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    // CORS is the HTTP layer's (middleware/cors.ts): yoga's default would admit every origin.
    cors: false,
    logging: toYogaLogger(options.logger.child({ component: "graphql" })),
    maskedErrors: { maskError: maskInternalErrors, isDev: false },
    context: (initial) => createRequestContext(options, initial),
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: QUERY_LIMITS.maxDepth },
        maxAliases: { n: QUERY_LIMITS.maxAliases },
        maxTokens: { n: QUERY_LIMITS.maxTokens },
        maxDirectives: { n: QUERY_LIMITS.maxDirectives },
        costLimit: { maxCost: QUERY_LIMITS.maxCost },
      }),
      bigIntLiteralPlugin,
      ...(options.persistedQueries ? [persistedQueriesPlugin(options.persistedQueries)] : []),
    ],
    graphiql: { title: "Cortensor indexer", defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    renderGraphiQL: renderLocalGraphiQL,
  });
}
