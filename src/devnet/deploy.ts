import { type Address, getAddress, type Hex, isAddressEqual } from "viem";
import type { ChainConfig } from "../config/load-network.ts";
import type { DevnetClient } from "./client.ts";
import { devnetArtifacts } from "./contracts/artifacts.ts";
import { type DevnetContractName, devnetContractNames } from "./contracts/sources.ts";

/** Address of each devnet contract on one chain. */
export type DevnetAddresses = Record<DevnetContractName, Address>;

export interface DevnetDeployment {
  addresses: DevnetAddresses;
  /** Anvil's first default account: it deployed the contracts and plays the oracle. */
  deployer: Address;
  /** Block of the last deployment or initialisation transaction. */
  blockNumber: bigint;
}

/** Contracts whose constructor takes the SessionQueueV2 address. */
const takesQueue = new Set<DevnetContractName>(["SessionV2", "SessionQueueValidation"]);

/** Raised when the devnet contracts cannot be deployed where the network config expects them. */
export class DevnetDeployError extends Error {
  override name = "DevnetDeployError";
}

/**
 * Deploys the devnet contracts in {@link devnetContractNames} order (SessionQueueV2, SessionV2,
 * NodePool, NodeReputation, NodeStats, NodeVersion, CognitiveV1, CognitiveLevel,
 * SessionQueueValidation: nonces 0-8 of anvil's first account), checks that they landed at the
 * addresses of the chain's network config, then, once all are deployed, wires the queue to the
 * session contract.
 *
 * @throws DevnetDeployError when the chain is not fresh or an address differs from the config.
 */
export async function deployDevnetContracts(
  client: DevnetClient,
  chain: ChainConfig,
): Promise<DevnetDeployment> {
  const expected = expectedAddresses(chain);
  const [deployer] = await client.getAddresses();
  if (!deployer) throw new DevnetDeployError(`chain ${chain.chainId} has no unlocked accounts`);
  const nonce = await client.getTransactionCount({ address: deployer });
  if (nonce !== 0) {
    throw new DevnetDeployError(
      `chain ${chain.chainId}: deployer ${deployer} already sent ${nonce} transactions; the devnet contracts need a fresh anvil so they land at fixed addresses`,
    );
  }

  const addresses = {} as DevnetAddresses;
  for (const name of devnetContractNames) {
    const args = takesQueue.has(name) ? [addresses.SessionQueueV2] : [];
    const receipt = await confirm(
      client,
      await client.deployContract({
        abi: devnetArtifacts[name].abi,
        bytecode: devnetArtifacts[name].bytecode,
        args,
        account: deployer,
      } as Parameters<DevnetClient["deployContract"]>[0]),
    );
    const deployed = receipt.contractAddress;
    if (!deployed || !isAddressEqual(deployed, expected[name])) {
      throw new DevnetDeployError(
        `chain ${chain.chainId}: ${name} deployed at ${deployed}, but ${chain.name} in the network config expects ${expected[name]}; contracts must be deployed by ${deployer} at nonces 0-${devnetContractNames.length - 1}`,
      );
    }
    addresses[name] = getAddress(deployed);
  }

  const wiring = await confirm(
    client,
    await client.writeContract({
      abi: devnetArtifacts.SessionQueueV2.abi,
      address: addresses.SessionQueueV2,
      functionName: "setSessionContract",
      args: [addresses.SessionV2],
      account: deployer,
    }),
  );
  return { addresses, deployer, blockNumber: wiring.blockNumber };
}

function expectedAddresses(chain: ChainConfig): DevnetAddresses {
  const addresses = {} as DevnetAddresses;
  for (const name of devnetContractNames) {
    const contract = chain.contracts.find((candidate) => candidate.kind === name);
    if (!contract) {
      throw new DevnetDeployError(
        `chain ${chain.chainId} (${chain.name}) has no ${name} address in the network config`,
      );
    }
    addresses[name] = getAddress(contract.address);
  }
  return addresses;
}

async function confirm(client: DevnetClient, hash: Hex) {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") {
    throw new DevnetDeployError(
      `transaction ${hash} reverted on chain ${await client.getChainId()}`,
    );
  }
  return receipt;
}
