import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/config/load-network.ts";
import { AnvilError } from "../../src/devnet/anvil.ts";
import { createDevnetClient } from "../../src/devnet/client.ts";
import { findFreePort, isPortFree } from "../../src/devnet/ports.ts";
import { DevnetConfigError, startDevnet } from "../../src/devnet/run-devnet.ts";

async function devnetOnFreePorts() {
  const [l2Port, l3Port] = [await findFreePort(), await findFreePort()];
  const network = loadNetwork("devnet", {
    env: {
      RPC_URL_31337: `http://127.0.0.1:${l2Port}`,
      RPC_URL_31338: `http://127.0.0.1:${l3Port}`,
    },
  });
  return { network, ports: [l2Port, l3Port] as const };
}

describe("startDevnet", () => {
  it("runs the L2 and L3 chains at once, each with the contracts and its own simulation", async () => {
    const { network, ports } = await devnetOnFreePorts();
    const devnet = await startDevnet({
      network,
      simulate: { rounds: 1, sessionsPerRound: 2, tasksPerSession: 2 },
    });
    try {
      expect(devnet.chains.map((chain) => chain.chainId)).toEqual([31337, 31338]);
      await Promise.all(devnet.chains.map((chain) => chain.simulator.run()));
      for (const [index, chain] of devnet.chains.entries()) {
        expect(chain.url).toBe(`http://127.0.0.1:${ports[index]}`);
        const client = createDevnetClient(chain.url, chain.chainId);
        expect(await client.getChainId()).toBe(chain.chainId);
        const configured = network.chains[index]?.contracts.map((contract) => contract.address);
        const deployed = Object.values(chain.deployment.addresses).map((a) => a.toLowerCase());
        expect(deployed).toEqual(configured);
        expect(chain.simulator.groundTruth()).toMatchObject({
          chainId: chain.chainId,
          rounds: 1,
          counts: { sessions: 2 },
        });
      }
      const [l2, l3] = devnet.chains.map((chain) => chain.simulator.groundTruth().tasks);
      expect(l2).not.toEqual(l3);
    } finally {
      await devnet.stop();
    }
    expect(await Promise.all(ports.map((port) => isPortFree(port)))).toEqual([true, true]);
  });

  it("waits for run() when autoStart is false", async () => {
    const { network } = await devnetOnFreePorts();
    const devnet = await startDevnet({
      network,
      simulate: { rounds: 1, sessionsPerRound: 1, tasksPerSession: 1 },
      autoStart: false,
    });
    try {
      const [chain] = devnet.chains;
      if (!chain) throw new Error("devnet has no chain");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(chain.simulator.groundTruth().transactions).toBe(0);
      await chain.simulator.run();
      expect(chain.simulator.groundTruth().counts.sessions).toBe(1);
    } finally {
      await devnet.stop();
    }
  });

  it("rejects a network whose RPC URLs are not local", async () => {
    const network = loadNetwork("devnet", {
      env: { RPC_URL_31337: "https://arbitrum-sepolia.example.org" },
    });
    await expect(startDevnet({ network, simulate: false })).rejects.toBeInstanceOf(
      DevnetConfigError,
    );
  });

  it("fails with a typed error when a port is taken and leaves no anvil behind", async () => {
    const { network, ports } = await devnetOnFreePorts();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports[1], "127.0.0.1", resolve));
    try {
      const error = await startDevnet({ network, simulate: false }).catch((caught) => caught);
      expect(error).toBeInstanceOf(AnvilError);
      expect(await isPortFree(ports[0])).toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
