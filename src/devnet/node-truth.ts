import type { Address, Hex } from "viem";
import { lowerAddress as lower, nodeIdOf } from "./addresses.ts";
import type {
  GroundTruthNode,
  GroundTruthReputation,
  GroundTruthTask,
  PoolState,
} from "./ground-truth-types.ts";
import { emptyTaskCounters, nodeTaskCounters } from "./task-truth.ts";

/** The node fields recorded from node-contract events (the task counters come from the tasks). */
type NodeRecord = Omit<GroundTruthNode, keyof ReturnType<typeof emptyTaskCounters>>;

/** CognitiveLevel totals after a `reportTaskCompletion` (what its three events carry). */
export interface CognitiveReport {
  consecutiveSuccess: number;
  completed: number;
  succeeded: number;
  failed: number;
}

/**
 * The per-node part of the ground truth: NodePool state, NodeStats pings and level, NodeVersion,
 * CognitiveLevel and NodeReputation. Fed on confirmation; addresses are lowercased here.
 */
export class NodeTruthRecorder {
  private readonly nodes = new Map<Address, NodeRecord>();
  private readonly reputation = new Map<Hex, GroundTruthReputation>();

  recordPoolState(address: Address, state: PoolState): void {
    this.node(address).poolState = state;
  }

  recordPing(address: Address, pingCounter: number): void {
    this.node(address).pingCounter = pingCounter;
  }

  recordStatsLevel(address: Address, level: number): void {
    this.node(address).statsLevel = level;
  }

  recordStatsReset(address: Address): void {
    const node = this.node(address);
    node.statsLevel = 0;
    node.statsResets += 1;
  }

  recordVersion(address: Address, version: string): void {
    this.node(address).version = version;
  }

  /** CognitiveLevel `NodeRegistered` or `NodeLevelChanged`. */
  recordLevel(address: Address, level: number): void {
    this.node(address).level = level;
  }

  recordCognitiveReport(address: Address, report: CognitiveReport): void {
    Object.assign(this.node(address), {
      consecutiveSuccess: report.consecutiveSuccess,
      cognitiveTasksCompleted: report.completed,
      cognitiveTasksSucceeded: report.succeeded,
      cognitiveTasksFailed: report.failed,
    });
  }

  /** NodeReputation: `StateRecorded` (success true or false) or `EphemeralStateSet`. */
  recordReputation(address: Address, kind: "success" | "failure" | "ephemeral"): void {
    const nodeId = nodeIdOf(address);
    let record = this.reputation.get(nodeId);
    if (!record) {
      record = { nodeId, address: lower(address), successes: 0, failures: 0, ephemeralSets: 0 };
      this.reputation.set(nodeId, record);
    }
    if (kind === "success") record.successes += 1;
    else if (kind === "failure") record.failures += 1;
    else record.ephemeralSets += 1;
  }

  /** Nodes in first-seen order, with user-task counters added up from `tasks`. */
  renderNodes(tasks: readonly GroundTruthTask[]): GroundTruthNode[] {
    const counters = nodeTaskCounters(tasks);
    for (const miner of counters.keys()) this.node(miner);
    return [...this.nodes.values()].map((node) => ({
      ...node,
      ...(counters.get(node.address) ?? emptyTaskCounters()),
    }));
  }

  renderReputation(): GroundTruthReputation[] {
    return [...this.reputation.values()].map((record) => ({ ...record }));
  }

  private node(address: Address): NodeRecord {
    const key = lower(address);
    let node = this.nodes.get(key);
    if (!node) {
      node = {
        address: key,
        nodeId: nodeIdOf(key),
        poolState: null,
        level: null,
        consecutiveSuccess: null,
        cognitiveTasksCompleted: 0,
        cognitiveTasksSucceeded: 0,
        cognitiveTasksFailed: 0,
        version: null,
        pingCounter: 0,
        statsLevel: null,
        statsResets: 0,
      };
      this.nodes.set(key, node);
    }
    return node;
  }
}
