import { drizzle } from "drizzle-orm/postgres-js";
import type { Hono } from "hono";
import postgres from "postgres";
import type { Database } from "../../src/db/client.ts";
import * as schema from "../../src/db/schema/index.ts";

export interface GraphqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface GraphqlResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData;
  errors?: GraphqlError[];
}

/** POSTs a GraphQL operation to the app and returns the decoded body. */
export async function postGraphql<TData = Record<string, unknown>>(
  app: Hono,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlResponse<TData>> {
  const response = await app.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphqlResponse<TData>, "status">;
  return { status: response.status, ...body };
}

/** Runs an operation that must succeed and returns its data. */
export async function queryData<TData = Record<string, unknown>>(
  app: Hono,
  query: string,
  variables?: Record<string, unknown>,
): Promise<TData> {
  const result = await postGraphql<TData>(app, query, variables);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The messages of an operation that must fail. */
export async function queryErrors(
  app: Hono,
  query: string,
  variables?: Record<string, unknown>,
): Promise<string[]> {
  const result = await postGraphql(app, query, variables);
  return (result.errors ?? []).map((error) => error.message);
}

/** A Drizzle database on its own postgres.js client that records every statement it sends. */
export function openCountingDatabase(url: string) {
  const statements: string[] = [];
  const client = postgres(url, {
    max: 2,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    debug: (_connection, query) => {
      statements.push(query);
    },
  });
  const db = drizzle({ client, schema }) as unknown as Database;
  return { db, statements, close: () => client.end({ timeout: 5 }) };
}
