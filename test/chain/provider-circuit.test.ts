import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import type { ChainConfig } from "../../src/config/load-network.ts";
import { Metrics } from "../../src/observability/metrics.ts";

/** A provider that answers every call with block 16, or fails every request with `status`. */
async function startProvider(status: number) {
  let hits = 0;
  const server: Server = createServer((request, response) => {
    hits += 1;
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      if (status !== 200) {
        response.writeHead(status).end("unavailable");
        return;
      }
      const calls = [JSON.parse(body)].flat() as { id: number }[];
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(calls.map(({ id }) => ({ jsonrpc: "2.0", id, result: "0x10" }))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("several providers for a chain", () => {
  let dead: Awaited<ReturnType<typeof startProvider>>;
  let healthy: Awaited<ReturnType<typeof startProvider>>;

  beforeAll(async () => {
    dead = await startProvider(503);
    healthy = await startProvider(200);
  });

  afterAll(async () => {
    await dead.close();
    await healthy.close();
  });

  it("answers from the next provider at once, and skips one that keeps failing", async () => {
    const metrics = new Metrics();
    const chain = { chainId: 7, rpcUrls: [dead.url, healthy.url] } as ChainConfig;
    const client = createChainClient(chain, { metrics });

    const started = Date.now();
    for (let i = 0; i < 30; i++) expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(16n);
    // No request waited for retries of the dead provider (viem waits 150 ms and more between them).
    expect(Date.now() - started).toBeLessThan(3_000);
    // Five failures in a row open its circuit: from then on it is not asked.
    expect(dead.hits()).toBe(5);
    expect(healthy.hits()).toBe(30);

    const skipped = await metrics.registry.getSingleMetricAsString(
      "cortensor_rpc_provider_skipped",
    );
    expect(skipped).toContain(`provider="${new URL(dead.url).origin}"} 1`);
  });

  it("still retries a single provider, which has no other to hand over to", async () => {
    const before = dead.hits();
    const client = createChainClient({ chainId: 7, rpcUrls: [dead.url] } as ChainConfig, {
      retryCount: 2,
    });
    await expect(client.getBlockNumber({ cacheTime: 0 })).rejects.toThrow();
    expect(dead.hits() - before).toBe(3);
  });
});
