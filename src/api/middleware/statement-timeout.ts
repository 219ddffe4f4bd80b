import type { GraphQLError } from "graphql";
import { createGraphQLError } from "graphql-yoga";
import { QUERY_CANCELED, sqlStateOf } from "../../db/sql-state.ts";

/** Whether an error, or one it wraps (GraphQL's originalError, Drizzle's cause), is a cancel. */
export function isStatementTimeout(error: unknown): boolean {
  return sqlStateOf(error) === QUERY_CANCELED;
}

/**
 * The error a client sees when its query ran longer than the API's statement timeout: what
 * happened and what to do, at the field that ran the query, and nothing of the SQL. Built with
 * yoga's own GraphQLError (the located error may come from another copy of graphql-js).
 */
export function statementTimeoutError(error: unknown): GraphQLError {
  const { nodes, source, positions, path } = error as Partial<GraphQLError>;
  return createGraphQLError(
    "the query ran longer than this server allows and was cancelled; ask for fewer rows or a narrower range",
    { nodes, source, positions, path, extensions: { code: "QUERY_TIMEOUT" } },
  );
}
