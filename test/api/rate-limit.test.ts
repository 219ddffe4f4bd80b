import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import type { ApiProtectionOptions } from "../../src/api/middleware/register-protection.ts";
import type { Database } from "../../src/db/client.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";

const KEYS = [
  { name: "dashboard", key: "dash-3f9a1c7e5b2d4f60" },
  { name: "oracle", key: "orcl-8e2b6d0a4c1f9e37" },
];

/** An API replica: `{ __typename }` needs no database. */
function replica(protection: ApiProtectionOptions) {
  return createApiApp({ database: { db: {} as Database }, protection });
}

function post(app: ReturnType<typeof replica>, key?: string) {
  return app.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "x-api-key": key } : {}) },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
}

describe("rate limit in Redis", () => {
  const redis = new Redis(TEST_REDIS_URL, { enableOfflineQueue: false, lazyConnect: true });
  const keyPrefix = uniqueQueuePrefix("rate");
  const protection = () => ({ apiKeys: KEYS, rateLimit: { perMinute: 3, redis, keyPrefix } });
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("answers 429 with Retry-After past the limit, per key, counted across replicas", async () => {
    await redis.connect();
    const first = replica(protection());
    const second = replica(protection());
    const [dashboard, oracle] = KEYS.map((entry) => entry.key) as [string, string];

    const remaining: (string | null)[] = [];
    for (const app of [first, second, first]) {
      const response = await post(app, dashboard);
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    for (const app of [first, second]) {
      const refused = await post(app, dashboard);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await refused.json()).toEqual({
        errors: [
          {
            message: `rate limit of 3 requests per minute reached; retry after ${retryAfter} s`,
            extensions: { code: "RATE_LIMITED" },
          },
        ],
      });
    }

    // Another key has its own budget; probes are not limited.
    expect((await post(second, oracle)).status).toBe(200);
    expect((await first.request("/nowhere")).status).toBe(404);

    const stored = await redis.keys(`${keyPrefix}*`);
    expect(stored.length).toBe(2);
    expect(stored.some((name) => name.includes("key:dashboard"))).toBe(true);
    expect(stored.join()).not.toContain(dashboard);
    const ttl = await redis.ttl(stored.find((name) => name.includes("dashboard")) as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it("keeps answering, limited in memory, while Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    const app = createApiApp({
      database: { db: {} as Database },
      logger: pino({ level: "silent" }),
      protection: { rateLimit: { perMinute: 2, redis: down } },
    });
    expect((await post(app)).status).toBe(200);
    expect((await post(app)).status).toBe(200);
    expect((await post(app)).status).toBe(429);
    down.disconnect();
  });
});

describe("rate limit without Redis", () => {
  it("counts per process, by client address when there are no keys", async () => {
    const first = replica({ rateLimit: { perMinute: 2 } });
    const second = replica({ rateLimit: { perMinute: 2 } });
    expect([(await post(first)).status, (await post(first)).status]).toEqual([200, 200]);
    expect((await post(first)).status).toBe(429);
    expect((await post(second)).status).toBe(200);
  });
});
