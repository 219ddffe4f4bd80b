import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import { ProviderRequestRates } from "../../src/chain/provider-request-rates.ts";
import type { ChainConfig } from "../../src/config/load-network.ts";
import { TEST_REDIS_URL } from "../fixtures/redis.ts";

/** A provider's requests are spread out to the chain's `maxRequestsPerSecond`. */
describe("the per-provider request rate limit", () => {
  let server: Server;
  let url: string;
  let arrivals: number[];
  const rates: ProviderRequestRates[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      arrivals.push(Date.now());
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        // viem batches: an array of calls, each answered with block 16.
        const calls = [JSON.parse(body)].flat() as { id: number }[];
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify(calls.map(({ id }) => ({ jsonrpc: "2.0", id, result: "0x10" }))),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    arrivals = [];
  });

  afterEach(async () => {
    await Promise.all(rates.splice(0).map((rate) => rate.close()));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /**
   * A chain with a quota of `perSecond` requests a second, at a URL of its own for the test
   * (quotas are per URL, and a test must not start inside the window another one used).
   */
  const chainOf = (test: string, perSecond = 5) =>
    ({ chainId: 1, rpcUrls: [`${url}/${test}`], maxRequestsPerSecond: perSecond }) as ChainConfig;

  const newRates = (options?: ConstructorParameters<typeof ProviderRequestRates>[0]) => {
    const created = new ProviderRequestRates(options);
    rates.push(created);
    return created;
  };

  /** `count` block-number calls, one after the other, through `requestRates`. */
  const askSequentially = async (
    count: number,
    requestRates?: ProviderRequestRates,
    perSecond?: number,
  ) => {
    const test = expect.getState().currentTestName ?? "";
    const client = createChainClient(chainOf(test, perSecond), { retryCount: 0, requestRates });
    for (let i = 0; i < count; i++) {
      expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(16n);
    }
  };

  /** Requests that reached the provider within `ms` of the first. */
  const arrivedWithin = (ms: number) => {
    const first = Math.min(...arrivals);
    return arrivals.filter((at) => at - first < ms).length;
  };

  it("sends at most maxRequestsPerSecond requests a second and queues the rest", async () => {
    await askSequentially(12);
    expect(arrivals).toHaveLength(12);
    const first = arrivals[0] as number;
    // Five a second: the 6th waits for the second second, the 11th for the third.
    expect((arrivals[5] as number) - first).toBeGreaterThanOrEqual(900);
    expect((arrivals[10] as number) - first).toBeGreaterThanOrEqual(1900);
  });

  it("holds one quota for clients made apart in one thread (a fetch and its cross-check)", async () => {
    await Promise.all([askSequentially(5), askSequentially(5)]);
    expect(arrivals).toHaveLength(10);
    expect(arrivedWithin(900)).toBe(5);
  });

  it("holds one quota across processes that count in the same Redis", async () => {
    // Two limiters with Redis stand for two worker processes.
    const [one, other] = [
      newRates({ redisUrl: TEST_REDIS_URL }),
      newRates({ redisUrl: TEST_REDIS_URL }),
    ];
    await Promise.all([askSequentially(5, one), askSequentially(5, other)]);
    expect(arrivals).toHaveLength(10);
    expect(arrivedWithin(900)).toBe(5);
  });

  it("counts one quota in Redis for processes configured with different rates for one provider", async () => {
    // One process allows 5 a second, the other 3: together they stay within 5, not 8.
    const [five, three] = [
      newRates({ redisUrl: TEST_REDIS_URL }),
      newRates({ redisUrl: TEST_REDIS_URL }),
    ];
    await Promise.all([askSequentially(5, five, 5), askSequentially(3, three, 3)]);
    expect(arrivals).toHaveLength(8);
    expect(arrivedWithin(900)).toBeLessThanOrEqual(5);
  });

  it("without a shared Redis, each process has the whole quota", async () => {
    await Promise.all([askSequentially(5, newRates()), askSequentially(5, newRates())]);
    expect(arrivedWithin(900)).toBe(10);
  });

  it("keeps limiting in memory while its Redis is unreachable", async () => {
    const errors: Error[] = [];
    const unreachable = newRates({
      redisUrl: "redis://127.0.0.1:1",
      onRedisError: (error) => errors.push(error),
    });
    await askSequentially(7, unreachable);
    expect(arrivals).toHaveLength(7);
    expect(arrivedWithin(900)).toBe(5);
    // Reported once for the outage, not at every reconnection attempt.
    expect(errors).toHaveLength(1);
  });
});
