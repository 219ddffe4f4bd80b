import type { ChainConfig, NetworkConfig } from "../config/load-network.ts";
import type { Logger } from "../logger/create-logger.ts";
import { type AnvilInstance, startAnvil } from "./anvil.ts";
import { createDevnetClient, type DevnetClient } from "./client.ts";
import { type DevnetDeployment, deployDevnetContracts } from "./deploy.ts";
import { formatGroundTruthSummary } from "./ground-truth.ts";
import { DevnetSimulator, type SimulatorOptions } from "./simulator.ts";

export interface StartDevnetOptions {
  /** A devnet network config: every chain's first RPC URL must point at this machine. */
  network: NetworkConfig;
  /**
   * Simulator options shared by all chains (chain i uses seed `seed + i` so the chains differ),
   * or `false` to deploy only. Default: continuous simulation at 1 round per second.
   */
  simulate?: SimulatorOptions | false;
  /**
   * Start the simulators right away (default). With false, call `chain.simulator.run()` when the
   * traffic should begin, e.g. after an indexer has started.
   */
  autoStart?: boolean;
  logger?: Logger;
  anvil?: { blockTimeSeconds?: number; accounts?: number };
}

export interface DevnetChain {
  chainId: number;
  name: string;
  url: string;
  client: DevnetClient;
  deployment: DevnetDeployment;
  simulator: DevnetSimulator;
}

export interface Devnet {
  chains: DevnetChain[];
  /** Stops the simulators, then the anvil processes. Safe to call twice. */
  stop(): Promise<void>;
}

/** Raised when a network config cannot be run as a local devnet. */
export class DevnetConfigError extends Error {
  override name = "DevnetConfigError";
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "0.0.0.0", "[::1]"]);

/**
 * Starts every chain of a devnet network at once: an anvil process on the port of the chain's
 * first RPC URL with the chain's id, the devnet contracts at the configured addresses and, unless
 * `simulate` is false, a simulator running in the background.
 *
 * @example
 * const devnet = await startDevnet({ network: loadNetwork("devnet"), simulate: { rounds: 3 } });
 * await Promise.all(devnet.chains.map((chain) => chain.simulator.run()));
 * await devnet.stop();
 */
export async function startDevnet(options: StartDevnetOptions): Promise<Devnet> {
  const { network, logger } = options;
  const endpoints = network.chains.map((chain) => localEndpoint(chain));
  const anvils: AnvilInstance[] = [];
  const stopAnvils = () => Promise.all(anvils.map((anvil) => anvil.stop()));

  const started = await Promise.allSettled(
    network.chains.map(async (chain, index): Promise<DevnetChain> => {
      const { host, port } = endpoints[index] as { host: string; port: number };
      const anvil = await startAnvil({ port, host, chainId: chain.chainId, ...options.anvil });
      anvils.push(anvil);
      const client = createDevnetClient(anvil.url, chain.chainId);
      const deployment = await deployDevnetContracts(client, chain);
      const simulate = options.simulate === false ? {} : (options.simulate ?? {});
      const simulator = await DevnetSimulator.create(
        { url: anvil.url, chainId: chain.chainId, addresses: deployment.addresses, logger },
        { ...simulate, seed: (simulate.seed ?? 1) + index },
      );
      logger?.info({ chainId: chain.chainId, rpc: anvil.url }, "devnet chain deployed");
      return {
        chainId: chain.chainId,
        name: chain.name,
        url: anvil.url,
        client,
        deployment,
        simulator,
      };
    }),
  );
  // Settled rather than Promise.all: a chain still starting when another fails must be stopped too.
  const failure = started.find((result) => result.status === "rejected");
  if (failure) {
    await stopAnvils();
    throw failure.reason;
  }
  const chains = started.map((result) => (result as PromiseFulfilledResult<DevnetChain>).value);

  if (options.simulate !== false && options.autoStart !== false) {
    for (const chain of chains) {
      chain.simulator.run().then(
        () => logger?.info(formatGroundTruthSummary(chain.simulator.groundTruth())),
        (error: unknown) =>
          logger?.error(
            { chainId: chain.chainId, err: error },
            "devnet simulator stopped on error",
          ),
      );
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    chains,
    stop() {
      stopping ??= (async () => {
        await Promise.all(chains.map((chain) => chain.simulator.stop()));
        await stopAnvils();
      })();
      return stopping;
    },
  };
}

function localEndpoint(chain: ChainConfig): { host: string; port: number } {
  const [rpcUrl] = chain.rpcUrls;
  if (!rpcUrl) throw new DevnetConfigError(`chain ${chain.chainId} (${chain.name}) has no RPC URL`);
  const url = new URL(rpcUrl);
  if (!LOCAL_HOSTS.has(url.hostname) || url.protocol !== "http:" || !url.port) {
    throw new DevnetConfigError(
      `chain ${chain.chainId} (${chain.name}): the devnet runs anvil locally, so its first RPC URL must be http://127.0.0.1:<port>, got ${rpcUrl}`,
    );
  }
  const host = url.hostname === "localhost" ? "127.0.0.1" : url.hostname.replace(/^\[|\]$/g, "");
  return { host, port: Number(url.port) };
}
