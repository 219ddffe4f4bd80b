import { type Abi, type Address, decodeEventLog, type Log } from "viem";
import { cortensorAbis } from "../../abis/index.ts";
import { loadNetwork } from "../../src/config/load-network.ts";
import { createDevnetClient, type DevnetClient } from "../../src/devnet/client.ts";
import { devnetContractNames } from "../../src/devnet/contracts/sources.ts";
import { type DevnetDeployment, deployDevnetContracts } from "../../src/devnet/deploy.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import { DevnetSimulator, type SimulatorOptions } from "../../src/devnet/simulator.ts";
import type { ActionLogEntry } from "../../src/devnet/transactions.ts";
import { startTestAnvil, type TestAnvil } from "../fixtures/anvil.ts";

/** The real ABI of each devnet contract, as the network config names it for the devnet. */
export const realAbis: Record<string, Abi> = Object.fromEntries(
  devnetContractNames.map((name) => {
    const generations = cortensorAbis[name] as Record<string, Abi>;
    const abi = generations.gen3 ?? generations["2025-08"] ?? generations.provisional;
    return [name, abi as Abi];
  }),
);

export interface SimulatedChain {
  anvil: TestAnvil;
  client: DevnetClient;
  deployment: DevnetDeployment;
  truth: GroundTruth;
  actions: ActionLogEntry[];
}

/** A decoded log of a devnet contract, with its block's timestamp. */
export interface DecodedLog {
  contract: string;
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  timestamp: number;
}

/** Deploys the devnet contracts on a fresh anvil (the L2 chain's id) and runs a simulation. */
export async function simulateOnFreshChain(options: SimulatorOptions): Promise<SimulatedChain> {
  const chain = loadNetwork("devnet", { env: {} }).chains[0];
  if (!chain) throw new Error("devnet network has no chain");
  const anvil = await startTestAnvil({ chainId: chain.chainId });
  const client = createDevnetClient(anvil.url, chain.chainId);
  const deployment = await deployDevnetContracts(client, chain);
  const simulator = await DevnetSimulator.create(
    { url: anvil.url, chainId: chain.chainId, addresses: deployment.addresses },
    options,
  );
  await simulator.run();
  return {
    anvil,
    client,
    deployment,
    truth: simulator.groundTruth(),
    actions: simulator.actionLog(),
  };
}

/** Every log of the devnet contracts, in chain order, decoded with its contract's real ABI. */
export async function decodedLogs(chain: SimulatedChain): Promise<DecodedLog[]> {
  const byAddress = new Map<string, string>(
    Object.entries(chain.deployment.addresses).map(([name, address]) => [
      address.toLowerCase(),
      name,
    ]),
  );
  const logs: Log[] = await chain.client.getLogs({
    address: Object.values(chain.deployment.addresses),
    fromBlock: 0n,
    toBlock: "latest",
  });
  const timestamps = new Map<bigint, number>();
  for (const blockNumber of new Set(logs.map((log) => log.blockNumber as bigint))) {
    const block = await chain.client.getBlock({ blockNumber });
    timestamps.set(blockNumber, Number(block.timestamp));
  }
  return logs.map((log) => {
    const contract = `${byAddress.get(log.address.toLowerCase())}`;
    const decoded = decodeEventLog({
      abi: realAbis[contract] as Abi,
      data: log.data,
      topics: log.topics,
    });
    const blockNumber = log.blockNumber as bigint;
    return {
      contract,
      eventName: `${decoded.eventName}`,
      args: decoded.args as unknown as Record<string, unknown>,
      blockNumber,
      timestamp: timestamps.get(blockNumber) as number,
    };
  });
}

/** The logs of one contract's event. */
export function logsOf(logs: DecodedLog[], contract: string, eventName: string): DecodedLog[] {
  return logs.filter((log) => log.contract === contract && log.eventName === eventName);
}

/** An address argument of a log, lowercased like the ground truth's. */
export function addressArg(log: DecodedLog, name: string): Address {
  return (log.args[name] as Address).toLowerCase() as Address;
}
