import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { openApiRuntime } from "../../src/api/middleware/api-runtime.ts";
import { readRuntimeEnv } from "../../src/config/env.ts";
import { ConfigError } from "../../src/config/errors.ts";
import { openDatabase } from "../../src/db/client.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL } from "../fixtures/redis.ts";
import { postGraphql } from "./helpers.ts";

const silent = pino({ level: "silent" });

describe("openApiRuntime", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("api_runtime");
  });
  afterAll(() => database?.drop());

  it("gives the API a pool of its own with the statement timeout, and options from the environment", async () => {
    const env = readRuntimeEnv({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      API_STATEMENT_TIMEOUT_MS: "1500",
      API_KEYS: "dashboard:dash-3f9a1c7e5b2d4f60",
      API_RATE_LIMIT: "120",
      CORS_ORIGINS: "https://a.example, https://b.example",
    });
    const api = await openApiRuntime(env, database.handle, silent);
    try {
      expect(api.database).not.toBe(database.handle);
      const [own] = await api.database.rows<{ statement_timeout: string }>(
        sql`show statement_timeout`,
      );
      const [shared] = await database.handle.rows<{ statement_timeout: string }>(
        sql`show statement_timeout`,
      );
      expect(own?.statement_timeout).toBe("1500ms");
      expect(shared?.statement_timeout).toBe("0");
      expect(api.protection).toMatchObject({
        corsOrigins: ["https://a.example", "https://b.example"],
        apiKeys: [{ name: "dashboard", key: "dash-3f9a1c7e5b2d4f60" }],
        rateLimit: { perMinute: 120, keyPrefix: "bull:api-rate" },
      });
      expect(api.protection.rateLimit?.redis).toBeDefined();
      expect(api.live).toBeDefined();
    } finally {
      await api.close();
    }
  });

  it("shares the handle when the timeout is off", async () => {
    const env = readRuntimeEnv({ DATABASE_URL: database.url, API_STATEMENT_TIMEOUT_MS: "0" });
    const api = await openApiRuntime(env, database.handle, silent);
    expect(api.database).toBe(database.handle);
    expect(api.protection.rateLimit).toBeUndefined();
    await api.close();
  });

  it("refuses PERSISTED_QUERIES_ONLY without a file", async () => {
    const env = readRuntimeEnv({ PERSISTED_QUERIES_ONLY: "true" });
    await expect(openApiRuntime(env, database.handle, silent)).rejects.toThrow(ConfigError);
  });

  it("still serves queries when the database refuses LISTEN, and says subscriptions are off", async () => {
    // Nothing listens on port 1: LISTEN fails as it does on a hot standby, which refuses it.
    const unreachable = await openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:1/none" });
    const env = readRuntimeEnv({ API_STATEMENT_TIMEOUT_MS: "0" });
    const api = await openApiRuntime(env, unreachable, silent);
    try {
      expect(api.live).toBeUndefined();
      const app = createApiApp({ database: { db: database.handle.db }, live: api.live });
      expect((await postGraphql(app, "{ tasks { totalCount } }")).data).toEqual({
        tasks: { totalCount: 0 },
      });
      const refused = await postGraphql(app, "subscription { chainProgress { chainId } }");
      expect(refused.errors?.[0]?.extensions).toEqual({ code: "SUBSCRIPTIONS_UNAVAILABLE" });
    } finally {
      await api.close();
      await unreachable.close();
    }
  });
});
