import { expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { Database } from "../../src/db/client.ts";

/** GraphiQL needs no database: the page is rendered without a query. */
const app = createApiApp({ database: { db: {} as Database } });

test("a browser GET of /graphql gets GraphiQL with every asset inline, nothing from a CDN", async () => {
  const response = await app.request("/graphql", {
    headers: { accept: "text/html,application/xhtml+xml" },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/html/);
  const html = await response.text();
  expect(html).toContain("<title>Cortensor indexer</title>");
  expect(html).toContain("renderYogaGraphiQL");
  expect(html).not.toMatch(/unpkg|jsdelivr|cdnjs|esm\.sh|googleapis|cdn\./i);
  expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']?(https?:)?\/\//i);
});

test("a GET with a query and no HTML accept header runs the query", async () => {
  const response = await app.request("/graphql?query=%7B__typename%7D", {
    headers: { accept: "application/json" },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { __typename: "Query" } });
});
