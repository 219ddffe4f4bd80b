import { expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { Database } from "../../src/db/client.ts";
import { capturingLogger } from "./log-capture.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function post(app: ReturnType<typeof createApiApp>, headers: Record<string, string> = {}) {
  return app.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
}

test("each request gets an id, returned in X-Request-Id and logged with the request", async () => {
  const captured = capturingLogger();
  const app = createApiApp({ database: { db: {} as Database }, logger: captured.logger });
  const first = (await post(app)).headers.get("x-request-id");
  const second = (await post(app)).headers.get("x-request-id");
  expect(first).toMatch(UUID);
  expect(second).toMatch(UUID);
  expect(second).not.toBe(first);
  const requests = captured.entries().filter((entry) => entry.msg === "request");
  expect(requests.map((entry) => entry.requestId)).toEqual([first, second]);
  expect(requests[0]).toMatchObject({ method: "POST", path: "/graphql", status: 200 });
});

test("an incoming X-Request-Id (from a proxy) is kept; a malformed one is replaced", async () => {
  const captured = capturingLogger();
  const app = createApiApp({ database: { db: {} as Database }, logger: captured.logger });
  const kept = await post(app, { "x-request-id": "edge-7f3a9c" });
  expect(kept.headers.get("x-request-id")).toBe("edge-7f3a9c");
  expect(captured.entries().at(-1)?.requestId).toBe("edge-7f3a9c");
  const replaced = await post(app, { "x-request-id": "bad id\twith spaces" });
  expect(replaced.headers.get("x-request-id")).toMatch(UUID);
});

test("refusals and unknown paths carry an id too", async () => {
  const app = createApiApp({
    database: { db: {} as Database },
    protection: { apiKeys: [{ name: "a", key: "key-0123456789abcdef" }] },
  });
  expect((await post(app)).headers.get("x-request-id")).toMatch(UUID);
  expect((await app.request("/nowhere")).headers.get("x-request-id")).toMatch(UUID);
});
