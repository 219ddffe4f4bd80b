import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import type { ChainConfig } from "../../src/config/load-network.ts";

/** A provider's requests are spread out to the chain's `maxRequestsPerSecond`. */
describe("the per-provider request rate limit", () => {
  let server: Server;
  let url: string;
  const arrivals: number[] = [];

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

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends at most maxRequestsPerSecond requests a second and queues the rest", async () => {
    const chain = {
      chainId: 1,
      rpcUrls: [url],
      maxRequestsPerSecond: 5,
    } as ChainConfig;
    const client = createChainClient(chain, { retryCount: 0 });
    for (let i = 0; i < 12; i++) {
      expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(16n);
    }
    expect(arrivals).toHaveLength(12);
    const first = arrivals[0] as number;
    // Five a second: the 6th waits for the second second, the 11th for the third.
    expect((arrivals[5] as number) - first).toBeGreaterThanOrEqual(900);
    expect((arrivals[10] as number) - first).toBeGreaterThanOrEqual(1900);
  });
});
