import type { Address } from "viem";
import type { SimulationClock } from "./clock.ts";
import { devnetArtifacts } from "./contracts/artifacts.ts";
import type { DevnetAddresses } from "./deploy.ts";
import type { GroundTruthRecorder } from "./ground-truth.ts";
import type { NodeModel } from "./node-model.ts";
import type { SeededRandom } from "./random.ts";
import { type ActionLogEntry, ContractWriter, type TransactionSender } from "./transactions.ts";

/** Who sends what: anvil's unlocked accounts split into roles. */
export interface DevnetActors {
  /** Account 0: deployed the contracts, assigns tasks and closes phases. */
  oracle: Address;
  /** Session owners (clients). */
  owners: Address[];

  /** Miners in the node pool, assigned to sessions and tasks. */
  miners: Address[];
  /**
   * Nodes that join and leave the pool but never serve a session: validator nodes, which submit
   * verdicts on ended tasks to SessionQueueValidation.
   */
  spareNodes: Address[];
}

/** Raised when the simulator cannot run on the chain it was given. */
export class SimulatorError extends Error {
  override name = "SimulatorError";
}

const OWNER_COUNT = 4;
const SPARE_NODE_COUNT = 2;
const MIN_MINERS = 6;

/** Splits anvil's accounts into roles; needs 1 oracle, 4 owners, 6+ miners and 2 spare nodes. */
export function assignActors(accounts: readonly Address[]): DevnetActors {
  const needed = 1 + OWNER_COUNT + MIN_MINERS + SPARE_NODE_COUNT;
  const [oracle] = accounts;
  if (!oracle || accounts.length < needed) {
    throw new SimulatorError(
      `the simulator needs at least ${needed} unlocked accounts, the chain has ${accounts.length}; start anvil with --accounts 30`,
    );
  }
  return {
    oracle,
    owners: accounts.slice(1, 1 + OWNER_COUNT),
    miners: accounts.slice(1 + OWNER_COUNT, accounts.length - SPARE_NODE_COUNT),
    spareNodes: accounts.slice(accounts.length - SPARE_NODE_COUNT),
  };
}

export interface SimulatedSession {
  id: bigint;
  owner: Address;
  miners: Address[];
  minNumOfNodes: number;
  maxNumOfNodes: number;
  redundant: number;
  routers: Address[];
  dedicatedNodes: Address[];
  nextTaskId: bigint;
}

/** One typed writer per devnet contract; `onConfirmed` sees every mined call and its events. */
export function createWriters(
  addresses: DevnetAddresses,
  sender: TransactionSender,
  onConfirmed: (contract: string, events: readonly string[], entry: ActionLogEntry) => void,
) {
  const writer = <const TAbi extends (typeof devnetArtifacts)[keyof typeof devnetArtifacts]["abi"]>(
    name: keyof DevnetAddresses,
    abi: TAbi,
  ) => new ContractWriter(name, abi, addresses[name], sender, onConfirmed);
  return {
    queue: writer("SessionQueueV2", devnetArtifacts.SessionQueueV2.abi),
    session: writer("SessionV2", devnetArtifacts.SessionV2.abi),
    pool: writer("NodePool", devnetArtifacts.NodePool.abi),
    reputation: writer("NodeReputation", devnetArtifacts.NodeReputation.abi),
    stats: writer("NodeStats", devnetArtifacts.NodeStats.abi),
    version: writer("NodeVersion", devnetArtifacts.NodeVersion.abi),
    cognitive: writer("CognitiveV1", devnetArtifacts.CognitiveV1.abi),
    level: writer("CognitiveLevel", devnetArtifacts.CognitiveLevel.abi),
    validation: writer("SessionQueueValidation", devnetArtifacts.SessionQueueValidation.abi),
  };
}

export type DevnetWriters = ReturnType<typeof createWriters>;

/** Shared, mutable state of one chain's simulation. */
export interface SimulationContext {
  chainId: number;
  /** Draws for sessions and user tasks. */
  random: SeededRandom;
  /**
   * Draws for everything else (timing, node and network-task traffic, drops, validations): a
   * separate stream, so that this traffic leaves the sessions and tasks of a seed unchanged.
   */
  networkRandom: SeededRandom;
  truth: GroundTruthRecorder;
  /** Block timestamp of the transactions sent now; moved between waves. */
  clock: SimulationClock;
  /** Waits until everything sent so far is mined, then moves the clock: a wave within a wave. */
  nextWave: () => Promise<void>;
  /** What the node contracts hold, as far as the simulator's choices depend on it. */
  nodes: NodeModel;
  actors: DevnetActors;
  contracts: DevnetWriters;
  /** Sessions not deactivated yet, by id, oldest first. */
  sessions: Map<bigint, SimulatedSession>;
  /** Spare nodes currently in the pool. */
  pooledSpareNodes: Set<Address>;
  nextSessionId: bigint;
  nextGlobalId: bigint;
  /** Id of the next CognitiveV1 round (1-based, as the contract's sessionCounter). */
  nextRoundId: bigint;
}
