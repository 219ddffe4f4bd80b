import type { Address, Hex } from "viem";
import type { DevnetAddresses } from "./deploy.ts";

/**
 * Task statuses in lifecycle order. A task's status is the furthest phase it reached: ACKED needs
 * at least one ack, PRECOMMITTED one precommit, COMMITTED one commit, ENDED a `TaskEnded` event.
 * Deliberately independent of the indexer's own status code, so it can check that code.
 */
export const SIMULATED_TASK_STATUSES = [
  "QUEUED",
  "ASSIGNED",
  "ACKED",
  "PRECOMMITTED",
  "COMMITTED",
  "ENDED",
] as const;

export type SimulatedTaskStatus = (typeof SIMULATED_TASK_STATUSES)[number];

/**
 * How an assigned miner's part in a task ended: PENDING until the task ends, then COMMITTED
 * (committed and in `TaskEnded`'s list), DROPPED (committed but left out of it) or the first
 * phase it missed.
 */
export const MINER_OUTCOMES = [
  "PENDING",
  "COMMITTED",
  "DROPPED",
  "MISSED_ACK",
  "MISSED_PRECOMMIT",
  "MISSED_COMMIT",
] as const;

export type MinerOutcome = (typeof MINER_OUTCOMES)[number];

/** A node's state after its latest NodePool event that names it. */
export const POOL_STATES = [
  "ADDED",
  "EPHEMERAL",
  "RESERVED",
  "RELEASED",
  "REMOVED",
  "RESET",
] as const;

export type PoolState = (typeof POOL_STATES)[number];

/** CognitiveV1 round phases in order; a round's phase is the furthest its events reached. */
export const COGNITIVE_PHASES = [
  "REQUESTED",
  "REQUEST_ASSIGNED",
  "CREATED",
  "PREPARE_ASSIGNED",
  "PREPARED",
  "STARTED",
  "PRECOMMITTING",
  "ALL_PRECOMMITTED",
  "COMMITTING",
  "ALL_COMMITTED",
  "ENDED",
] as const;

export type CognitivePhase = (typeof COGNITIVE_PHASES)[number];

/** SessionQueueValidation verdicts, in the order of their uint8 values (provisional ABI). */
export const VERDICTS = ["VALID", "INVALID", "RETRY", "NEEDS_SPEC"] as const;

export type Verdict = (typeof VERDICTS)[number];

export interface SessionParams {
  minNumOfNodes: number;
  maxNumOfNodes: number;
  redundant: number;
}

/** What the simulator did to one session (ids are decimal strings, addresses lowercase). */
export interface GroundTruthSession extends SessionParams {
  sessionId: string;
  owner: Address;
  taskCount: number;
  deactivated: boolean;
  /** Nodes listed in `SessionCreated` plus those of `NewNodeAssignedToSession`. */
  miners: Address[];
}

/** One assigned miner of a task. Times are block timestamps (unix seconds), null if not reached. */
export interface GroundTruthAssignment {
  miner: Address;
  outcome: MinerOutcome;
  assignedAt: number;
  ackedAt: number | null;
  precommittedAt: number | null;
  committedAt: number | null;
}

export interface GroundTruthTask {
  sessionId: string;
  taskId: string;
  globalId: string;
  status: SimulatedTaskStatus;
  assignedMiners: Address[];
  ackedMiners: Address[];
  precommittedMiners: Address[];
  /** Every miner that committed, in commit order (including dropped ones). */
  committedMiners: Address[];
  /** One entry per assigned miner, in assignment order. */
  assignments: GroundTruthAssignment[];
  /** `TaskEnded`'s miner list; null until the task ends. */
  finalMiners: Address[] | null;
  /** What `getTaskResults(sessionId, taskId)` returns at the end block, paired; null until ended. */
  results: { miner: Address; result: string }[] | null;
  /** Block timestamp of `TaskEnded`; null until ended. */
  endedAt: number | null;
}

/** One node (miner or spare node) by address: user tasks, pool, levels, version, pings. */
export interface GroundTruthNode {
  address: Address;
  /** keccak256 of the packed address, as every contract's `getNodeId`. */
  nodeId: Hex;
  tasksAssigned: number;
  tasksAcked: number;
  tasksPrecommitted: number;
  tasksCommitted: number;
  /** Tasks the node was assigned to that ended. */
  tasksEnded: number;
  /** Ended tasks with outcome COMMITTED. */
  tasksSucceeded: number;
  missedAck: number;
  missedPrecommit: number;
  missedCommit: number;
  dropped: number;
  /** Σ ackedAt − assignedAt over the node's acks (seconds). */
  ackLatencySum: number;
  /** Σ precommittedAt − ackedAt over its precommits. */
  precommitLatencySum: number;
  /** Σ committedAt − precommittedAt over its commits. */
  commitLatencySum: number;
  /** After the latest NodePool event naming the node; null if none. */
  poolState: PoolState | null;
  /** CognitiveLevel level; null while not registered there. */
  level: number | null;
  /** CognitiveLevel: latest `ConsecutiveSuccessUpdated` count; null before any report. */
  consecutiveSuccess: number | null;
  /** CognitiveLevel `NodeMetricsUpdated` totals (network tasks); zero before any report. */
  cognitiveTasksCompleted: number;
  cognitiveTasksSucceeded: number;
  cognitiveTasksFailed: number;
  /** Latest NodeVersion `VersionReported` version; null if none. */
  version: string | null;
  /** NodeStats lifetime ping counter (that of the latest `NodePinged`); 0 if never pinged. */
  pingCounter: number;
  /** NodeStats level: latest `NodeLevelUpdated`, 0 after `NodeReset`; null if never set. */
  statsLevel: number | null;
  /** NodeStats `NodeReset` events for the node. */
  statsResets: number;
}

/** NodeReputation records of one node id. */
export interface GroundTruthReputation {
  nodeId: Hex;
  address: Address;
  /** `StateRecorded` with success true / false. */
  successes: number;
  failures: number;
  /** `EphemeralStateSet` events. */
  ephemeralSets: number;
}

/** One CognitiveV1 network-task round (the contract's "session"). */
export interface GroundTruthCognitiveRound {
  roundId: string;
  phase: CognitivePhase;
  /** `NewSessionRequest`'s miners (also `SessionStarted`'s). */
  miners: Address[];
  creator: Address | null;
  preparer: Address | null;
  precommittedMiners: Address[];
  committedMiners: Address[];
  precommitCount: number;
  commitCount: number;
  /** `SessionAllPrecommitted`'s forceEnd; null if not emitted. */
  precommitForceEnded: boolean | null;
  requestedAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

/** One SessionQueueValidation `TaskValidated` event. */
export interface GroundTruthValidation {
  validatorSessionId: string;
  sessionId: string;
  taskId: string;
  validator: Address;
  miner: Address;
  verdict: Verdict;
  score: number;
}

/** Everything the simulator made happen on one chain, as plain JSON (addresses lowercase). */
export interface GroundTruth {
  chainId: number;
  contracts: DevnetAddresses;
  rounds: number;
  transactions: number;
  /** Block timestamp the simulator's clock started from; every later time is after it. */
  clockStart: number;
  counts: {
    sessions: number;
    deactivatedSessions: number;
    tasks: number;
    tasksByStatus: Record<SimulatedTaskStatus, number>;
    cognitiveRounds: number;
    cognitiveRoundsByPhase: Record<CognitivePhase, number>;
    validations: number;
  };
  /** Logs emitted by the simulator's transactions, keyed `Contract.Event` (deployment excluded). */
  events: Record<string, number>;
  sessions: GroundTruthSession[];
  tasks: GroundTruthTask[];
  /** Nodes in the order they first appeared. */
  nodes: GroundTruthNode[];
  reputation: GroundTruthReputation[];
  cognitiveRounds: GroundTruthCognitiveRound[];
  validations: GroundTruthValidation[];
}
