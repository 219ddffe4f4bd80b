import type { Address } from "viem";
import type {
  GroundTruthAssignment,
  GroundTruthNode,
  GroundTruthTask,
  MinerOutcome,
  SimulatedTaskStatus,
} from "./ground-truth-types.ts";

/** The miner phases of a task whose block timestamps the ground truth keeps. */
export type MinerStep = "acked" | "precommitted" | "committed";

/** What the ground truth knows about one task while the simulation runs (addresses lowercase). */
export interface TaskRecord {
  sessionId: bigint;
  taskId: bigint;
  globalId: bigint;
  assigned: Address[];
  acked: Address[];
  precommitted: Address[];
  committed: Address[];
  /** Block timestamps per miner: assignedAt, ackedAt, precommittedAt, committedAt. */
  times: Map<Address, Partial<Record<"assigned" | MinerStep, number>>>;
  /** Committed result per miner. */
  results: Map<Address, string>;
  finalMiners: Address[] | null;
  endedAt: number | null;
}

/** The user-task counters of {@link GroundTruthNode}. */
export type NodeTaskCounters = Pick<
  GroundTruthNode,
  | "tasksAssigned"
  | "tasksAcked"
  | "tasksPrecommitted"
  | "tasksCommitted"
  | "tasksEnded"
  | "tasksSucceeded"
  | "missedAck"
  | "missedPrecommit"
  | "missedCommit"
  | "dropped"
  | "ackLatencySum"
  | "precommitLatencySum"
  | "commitLatencySum"
>;

/** A fresh task record for a queued task. */
export function newTaskRecord(sessionId: bigint, taskId: bigint, globalId: bigint): TaskRecord {
  return {
    sessionId,
    taskId,
    globalId,
    assigned: [],
    acked: [],
    precommitted: [],
    committed: [],
    times: new Map(),
    results: new Map(),
    finalMiners: null,
    endedAt: null,
  };
}

/** Renders a task record as plain JSON. */
export function renderTask(task: TaskRecord): GroundTruthTask {
  const ended = task.finalMiners !== null;
  return {
    sessionId: task.sessionId.toString(),
    taskId: task.taskId.toString(),
    globalId: task.globalId.toString(),
    status: statusOf(task),
    assignedMiners: [...task.assigned],
    ackedMiners: [...task.acked],
    precommittedMiners: [...task.precommitted],
    committedMiners: [...task.committed],
    assignments: task.assigned.map((miner) => assignmentOf(task, miner)),
    finalMiners: task.finalMiners ? [...task.finalMiners] : null,
    results: ended
      ? task.committed.map((miner) => ({ miner, result: task.results.get(miner) ?? "" }))
      : null,
    endedAt: task.endedAt,
  };
}

/** Per-node user-task counters and latency sums, added up over every task's assignments. */
export function nodeTaskCounters(
  tasks: readonly GroundTruthTask[],
): Map<Address, NodeTaskCounters> {
  const counters = new Map<Address, NodeTaskCounters>();
  for (const task of tasks) {
    for (const assignment of task.assignments) {
      let node = counters.get(assignment.miner);
      if (!node) {
        node = emptyTaskCounters();
        counters.set(assignment.miner, node);
      }
      addAssignment(node, assignment);
    }
  }
  return counters;
}

/** All-zero user-task counters, for nodes never assigned a task. */
export function emptyTaskCounters(): NodeTaskCounters {
  return {
    tasksAssigned: 0,
    tasksAcked: 0,
    tasksPrecommitted: 0,
    tasksCommitted: 0,
    tasksEnded: 0,
    tasksSucceeded: 0,
    missedAck: 0,
    missedPrecommit: 0,
    missedCommit: 0,
    dropped: 0,
    ackLatencySum: 0,
    precommitLatencySum: 0,
    commitLatencySum: 0,
  };
}

const OUTCOME_COUNTERS: Partial<Record<MinerOutcome, keyof NodeTaskCounters>> = {
  COMMITTED: "tasksSucceeded",
  DROPPED: "dropped",
  MISSED_ACK: "missedAck",
  MISSED_PRECOMMIT: "missedPrecommit",
  MISSED_COMMIT: "missedCommit",
};

function addAssignment(node: NodeTaskCounters, assignment: GroundTruthAssignment): void {
  const { assignedAt, ackedAt, precommittedAt, committedAt, outcome } = assignment;
  node.tasksAssigned += 1;
  if (ackedAt !== null) {
    node.tasksAcked += 1;
    node.ackLatencySum += ackedAt - assignedAt;
  }
  if (precommittedAt !== null) {
    node.tasksPrecommitted += 1;
    node.precommitLatencySum += precommittedAt - (ackedAt ?? assignedAt);
  }
  if (committedAt !== null) {
    node.tasksCommitted += 1;
    node.commitLatencySum += committedAt - (precommittedAt ?? ackedAt ?? assignedAt);
  }
  if (outcome === "PENDING") return;
  node.tasksEnded += 1;
  const counter = OUTCOME_COUNTERS[outcome];
  if (counter) node[counter] += 1;
}

function assignmentOf(task: TaskRecord, miner: Address): GroundTruthAssignment {
  const times = task.times.get(miner) ?? {};
  return {
    miner,
    outcome: outcomeOf(task, miner),
    assignedAt: times.assigned ?? 0,
    ackedAt: times.acked ?? null,
    precommittedAt: times.precommitted ?? null,
    committedAt: times.committed ?? null,
  };
}

function outcomeOf(task: TaskRecord, miner: Address): MinerOutcome {
  if (task.finalMiners === null) return "PENDING";
  if (task.committed.includes(miner)) {
    return task.finalMiners.includes(miner) ? "COMMITTED" : "DROPPED";
  }
  if (!task.acked.includes(miner)) return "MISSED_ACK";
  if (!task.precommitted.includes(miner)) return "MISSED_PRECOMMIT";
  return "MISSED_COMMIT";
}

function statusOf(task: TaskRecord): SimulatedTaskStatus {
  if (task.finalMiners !== null) return "ENDED";
  if (task.committed.length > 0) return "COMMITTED";
  if (task.precommitted.length > 0) return "PRECOMMITTED";
  if (task.acked.length > 0) return "ACKED";
  if (task.assigned.length > 0) return "ASSIGNED";
  return "QUEUED";
}
