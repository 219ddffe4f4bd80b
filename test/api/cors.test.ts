import { describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { Database } from "../../src/db/client.ts";

/** `{ __typename }` needs no database. */
const database = { db: {} as Database };
const DASHBOARD = "https://dashboard.example";
const OTHER = "https://elsewhere.example";

function query(app: ReturnType<typeof createApiApp>, origin: string) {
  return app.request("/graphql", {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
}

function preflight(app: ReturnType<typeof createApiApp>, origin: string) {
  return app.request("/graphql", {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type, authorization, x-api-key",
    },
  });
}

describe("CORS", () => {
  it("sends no cross-origin headers by default: browsers keep other sites out", async () => {
    const app = createApiApp({ database });
    const response = await query(app, OTHER);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    const options = await preflight(app, OTHER);
    expect(options.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("admits exactly the listed origins, with the headers API keys need, never credentials", async () => {
    const app = createApiApp({ database, protection: { corsOrigins: [DASHBOARD] } });
    const allowed = await query(app, DASHBOARD);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(allowed.headers.get("access-control-expose-headers")).toMatch(/X-Request-Id/i);
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    expect((await query(app, OTHER)).headers.get("access-control-allow-origin")).toBeNull();

    const options = await preflight(app, DASHBOARD);
    expect(options.status).toBe(204);
    expect(options.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(options.headers.get("access-control-allow-headers")?.toLowerCase()).toMatch(
      /authorization.*x-api-key/,
    );
    expect((await preflight(app, OTHER)).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("admits any origin with `*`", async () => {
    const app = createApiApp({ database, protection: { corsOrigins: ["*"] } });
    expect((await query(app, OTHER)).headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers preflights before the API key check (browsers send no credentials on them)", async () => {
    const app = createApiApp({
      database,
      protection: {
        corsOrigins: [DASHBOARD],
        apiKeys: [{ name: "dashboard", key: "dash-3f9a1c7e5b2d4f60" }],
      },
    });
    expect((await preflight(app, DASHBOARD)).status).toBe(204);
    const refused = await query(app, DASHBOARD);
    expect(refused.status).toBe(401);
    // The refusal stays readable by the dashboard, so it can tell its user why.
    expect(refused.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
  });
});
