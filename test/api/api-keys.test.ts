import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { readRuntimeEnv } from "../../src/config/env.ts";
import { ConfigError } from "../../src/config/errors.ts";
import { Metrics } from "../../src/observability/metrics.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { capturingLogger } from "./log-capture.ts";

const DASHBOARD_KEY = "dash-3f9a1c7e5b2d4f60";
const ORACLE_KEY = "orcl-8e2b6d0a4c1f9e37";
const API_KEYS = `dashboard:${DASHBOARD_KEY},oracle:${ORACLE_KEY}`;
const QUERY = JSON.stringify({ query: "{ __typename }" });

let database: TestDatabase;
const captured = capturingLogger();
let app: ReturnType<typeof createApiApp>;

function post(headers: Record<string, string> = {}, path = "/graphql") {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: QUERY,
  });
}

beforeAll(async () => {
  database = await createTestDatabase("api_keys");
  const env = readRuntimeEnv({ API_KEYS });
  app = createApiApp({
    database: database.handle,
    logger: captured.logger,
    metrics: new Metrics(),
    protection: { apiKeys: env.API_KEYS },
  });
});
afterAll(() => database?.drop());

describe("API keys", () => {
  it("refuses /graphql without a key: 401, a GraphQL-shaped error and WWW-Authenticate", async () => {
    const response = await post();
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: "an API key is required: send Authorization: Bearer <key> or x-api-key: <key>",
          extensions: { code: "UNAUTHENTICATED" },
        },
      ],
    });
  });

  it("refuses a wrong key, and a key differing from a real one only in its last character", async () => {
    for (const key of ["nope", `${DASHBOARD_KEY.slice(0, -1)}x`, `${DASHBOARD_KEY}x`]) {
      const response = await post({ authorization: `Bearer ${key}` });
      expect(response.status).toBe(401);
      expect((await response.json()).errors[0].message).toBe("the API key is not valid");
    }
  });

  it("answers with a key as a Bearer token or in x-api-key", async () => {
    const presentations: Record<string, string>[] = [
      { authorization: `Bearer ${DASHBOARD_KEY}` },
      { authorization: `bearer ${ORACLE_KEY}` },
      { "x-api-key": ORACLE_KEY },
    ];
    for (const headers of presentations) {
      const response = await post(headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    }
  });

  it("guards /export/* too, also for a browser's GET", async () => {
    expect((await app.request("/export/tasks.csv")).status).toBe(401);
    const browser = await app.request("/export/tasks.csv", { headers: { accept: "text/html" } });
    expect(browser.status).toBe(401);
    const withKey = await app.request("/export/tasks.csv", {
      headers: { "x-api-key": ORACLE_KEY },
    });
    expect(withKey.status).not.toBe(401);
  });

  it("leaves /health, /ready, /metrics and the GraphiQL page open", async () => {
    expect((await app.request("/health")).status).toBe(200);
    expect((await app.request("/ready")).status).toBe(503);
    expect((await app.request("/metrics")).status).toBe(200);
    const page = await app.request("/graphql", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("renderYogaGraphiQL");
  });

  it("logs the key's name with each request, never a key", async () => {
    await post({ authorization: `Bearer ${DASHBOARD_KEY}` });
    const logged = captured.lines.join("\n");
    expect(logged).not.toContain(DASHBOARD_KEY);
    expect(logged).not.toContain(ORACLE_KEY);
    expect(logged).not.toContain(DASHBOARD_KEY.slice(0, -1));
    expect(captured.entries().at(-1)).toMatchObject({
      msg: "request",
      method: "POST",
      path: "/graphql",
      status: 200,
      apiKey: "dashboard",
    });
  });
});

describe("API_KEYS", () => {
  it("reads name:key pairs", () => {
    expect(readRuntimeEnv({ API_KEYS }).API_KEYS).toEqual([
      { name: "dashboard", key: DASHBOARD_KEY },
      { name: "oracle", key: ORACLE_KEY },
    ]);
    expect(readRuntimeEnv({}).API_KEYS).toEqual([]);
  });

  it("rejects short, nameless or repeated keys without echoing any key", () => {
    for (const value of [
      "dashboard:short",
      `:${DASHBOARD_KEY}`,
      DASHBOARD_KEY,
      `a:${DASHBOARD_KEY},b:${DASHBOARD_KEY}`,
      `a:${DASHBOARD_KEY},a:${ORACLE_KEY}`,
    ]) {
      let message = "";
      try {
        readRuntimeEnv({ API_KEYS: value });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/API_KEYS: (entry 1 must be name:key|names and keys must)/);
      expect(message).not.toContain(DASHBOARD_KEY);
      expect(message).not.toContain("short");
    }
  });
});
