import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import {
  loadPersistedQueries,
  PersistedQueriesFileError,
} from "../../src/api/middleware/persisted-queries.ts";
import type { Database } from "../../src/db/client.ts";

const TYPENAME = "{ __typename }";
/** Deeper than the depth limit: persisted or not, the limits apply. */
const DEEP =
  "{ sessions { items { tasks { items { session { tasks { items { session { tasks { items { session { __typename } } } } } } } } } } } }";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function writeJson(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "persisted-")), "queries.json");
  writeFileSync(path, JSON.stringify(content));
  return path;
}

function app(
  only: boolean,
  content: unknown = { [sha256(TYPENAME)]: TYPENAME, [sha256(DEEP)]: DEEP },
) {
  return createApiApp({
    database: { db: {} as Database },
    persistedQueries: loadPersistedQueries(writeJson(content), only),
  });
}

async function post(target: ReturnType<typeof app>, body: Record<string, unknown>) {
  const response = await target.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

const byId = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

describe("persisted queries", () => {
  it("runs an operation by its id, and arbitrary ones unless the server runs persisted only", async () => {
    const open = app(false);
    expect(await post(open, byId(sha256(TYPENAME)))).toEqual({ data: { __typename: "Query" } });
    expect(await post(open, { query: TYPENAME })).toEqual({ data: { __typename: "Query" } });
  });

  it("with PERSISTED_QUERIES_ONLY refuses arbitrary operations and still runs listed ones", async () => {
    const only = app(true);
    const refused = await post(only, { query: TYPENAME });
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      [
        "this server runs persisted queries only: send extensions: { persistedQuery: { version: 1, sha256Hash: <id> } }",
        "PERSISTED_QUERY_ONLY",
      ],
    ]);
    expect(await post(only, byId(sha256(TYPENAME)))).toEqual({ data: { __typename: "Query" } });
  });

  it("names an unknown id clearly", async () => {
    const result = await post(app(true), byId(sha256("{ nothing }")));
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual([
      "PERSISTED_QUERY_NOT_FOUND",
    ]);
  });

  it("applies the depth limit to persisted operations too", async () => {
    const result = await post(app(true), byId(sha256(DEEP)));
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 10 exceeded/);
  });

  it("reads Apollo's persisted-query manifest", async () => {
    const manifest = {
      format: "apollo-persisted-query-manifest",
      version: 1,
      operations: [{ id: "typename-v1", name: "Typename", type: "query", body: TYPENAME }],
    };
    expect(await post(app(true, manifest), byId("typename-v1"))).toEqual({
      data: { __typename: "Query" },
    });
  });

  it("reports a file that is missing or of the wrong shape", () => {
    expect(() => loadPersistedQueries("/nonexistent/queries.json", true)).toThrow(
      PersistedQueriesFileError,
    );
    expect(() => loadPersistedQueries(writeJson(["{ __typename }"]), true)).toThrow(
      /expected \{ "<id>": "<query>" \} or an Apollo persisted-query manifest/,
    );
  });
});
