import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.ts";
import { listBundledNetworks, loadNetwork } from "../../src/config/load-network.ts";

function writeNetworkFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "network-")), "broken.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const validChain = {
  name: "l2",
  layer: "L2",
  chainId: 1,
  rpcUrls: ["http://127.0.0.1:8545"],
  finalityDepth: 0,
  pollingIntervalMs: 500,
  contracts: [
    {
      kind: "SessionV2",
      abi: "gen3",
      address: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
      startBlock: 5,
    },
  ],
};

describe("loadNetwork", () => {
  it.each(listBundledNetworks())("loads the bundled %s network", (name) => {
    const network = loadNetwork(name, { env: {} });
    expect(network.name).toBe(name);
    expect(network.chains.length).toBeGreaterThan(0);
  });

  it("gives the devnet two chains with distinct ids and every contract indexable", () => {
    const network = loadNetwork("devnet", { env: {} });
    expect(network.chains.map((chain) => chain.chainId)).toEqual([31337, 31338]);
    for (const chain of network.chains) expect(chain.unresolved).toEqual([]);
  });

  it("keeps unknown addresses and start blocks out of indexing, saying why", () => {
    const network = loadNetwork("testnet-0", { env: {} });
    const [chain] = network.chains;
    expect(chain?.chainId).toBe(421614);
    expect(chain?.contracts).toEqual([]);
    expect(chain?.unresolved).toContainEqual({
      kind: "SessionV2",
      reason: expect.stringContaining("START_BLOCK_421614"),
    });
  });

  it("takes start blocks from the command line and RPC URLs from the environment", () => {
    const network = loadNetwork("testnet-0", {
      env: { RPC_URL_421614: "http://a.example/rpc, http://b.example/rpc" },
      startBlocks: new Map([[421614, 1234n]]),
    });
    const [chain] = network.chains;
    expect(chain?.rpcUrls).toEqual(["http://a.example/rpc", "http://b.example/rpc"]);
    expect(chain?.contracts.map((c) => [c.kind, c.startBlock])).toEqual([
      ["SessionV2", 1234n],
      ["SessionQueueV2", 1234n],
    ]);
  });

  it("names the file, the field and the expectation for a malformed network file", () => {
    const path = writeNetworkFile({
      name: "broken",
      chains: [
        {
          ...validChain,
          chainId: "one",
          contracts: [{ ...validChain.contracts[0], address: "0x12" }],
        },
      ],
    });
    expect(() => loadNetwork(path)).toThrowError(ConfigError);
    let message = "";
    try {
      loadNetwork(path);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(path);
    expect(message).toMatch(/chains\.0\.chainId: .*number/i);
    expect(message).toMatch(/chains\.0\.contracts\.0\.address: .*20-byte hex address/);
  });

  it("rejects an ABI generation that does not exist for the contract kind", () => {
    const path = writeNetworkFile({
      name: "broken",
      chains: [{ ...validChain, contracts: [{ ...validChain.contracts[0], abi: "gen9" }] }],
    });
    expect(() => loadNetwork(path)).toThrowError(/contracts\.0\.abi: .*gen9.*gen1, gen2, gen3/);
  });

  it("rejects unknown fields, duplicate chain ids and invalid JSON", () => {
    expect(() =>
      loadNetwork(writeNetworkFile({ name: "x", chains: [{ ...validChain, rpc: [] }] })),
    ).toThrowError(/chains\.0: .*rpc/i);
    expect(() =>
      loadNetwork(writeNetworkFile({ name: "x", chains: [validChain, validChain] })),
    ).toThrowError(/chains\.1\.chainId: chain id 1 is listed twice/);
    expect(() => loadNetwork(writeNetworkFile("{ not json"))).toThrowError(/not valid JSON/);
  });

  it("takes the finality tag, the cross-check ratio and the request rate, and refuses bad ones", () => {
    const [chain] = loadNetwork(
      writeNetworkFile({
        name: "x",
        chains: [
          {
            ...validChain,
            finalityTag: "finalized",
            logCrossCheckRatio: 1,
            maxRequestsPerSecond: 25,
          },
        ],
      }),
    ).chains;
    expect(chain).toMatchObject({
      finalityTag: "finalized",
      logCrossCheckRatio: 1,
      maxRequestsPerSecond: 25,
    });
    expect(loadNetwork("devnet", { env: {} }).chains[0]).toMatchObject({
      logCrossCheckRatio: 0.05,
    });
    expect(() =>
      loadNetwork(
        writeNetworkFile({ name: "x", chains: [{ ...validChain, finalityTag: "latest" }] }),
      ),
    ).toThrowError(/chains\.0\.finalityTag: .*"finalized"/);
    expect(() =>
      loadNetwork(
        writeNetworkFile({ name: "x", chains: [{ ...validChain, logCrossCheckRatio: 2 }] }),
      ),
    ).toThrowError(/chains\.0\.logCrossCheckRatio/);
    expect(() =>
      loadNetwork(
        writeNetworkFile({ name: "x", chains: [{ ...validChain, maxRequestsPerSecond: 0 }] }),
      ),
    ).toThrowError(/chains\.0\.maxRequestsPerSecond/);
  });

  it("refuses an unknown network name with the list of known ones", () => {
    expect(() => loadNetwork("testnet-9")).toThrowError(
      /unknown network "testnet-9": expected one of devnet/,
    );
  });

  it("refuses a malformed RPC override", () => {
    expect(() => loadNetwork("devnet", { env: { RPC_URL_31337: "localhost:8545" } })).toThrowError(
      /RPC_URL_31337: "localhost:8545" is not an http/,
    );
  });
});
