import {
  taskAssignmentSpec,
  taskResultFetchSpec,
  taskResultSpec,
  validationSpec,
} from "./assignment-entities.ts";
import type { ChildRelation } from "./child-lists.ts";
import { sessionSpec, taskSpec } from "./entities.ts";
import type { RowRelation } from "./entity-resolvers.ts";
import { cognitiveRoundMinerSpec, sessionNodeChangeSpec } from "./network-entities.ts";
import {
  nodePoolEventSpec,
  nodeReputationRecordSpec,
  nodeSpec,
  nodeStatsSpec,
} from "./node-entities.ts";

const TASK_KEY = ["chainId", "sessionId", "taskId"] as const;

/** Tasks of a session (`Session.tasks`, `Session.taskCount`). */
export const sessionTasks: ChildRelation = {
  child: taskSpec,
  parentKey: ["chainId", "sessionId"],
  parentFields: ["chainId", "sessionId"],
};

/** Node membership changes of a session (`Session.nodeChanges`). */
export const sessionNodeChanges: ChildRelation = {
  child: sessionNodeChangeSpec,
  parentKey: ["chainId", "sessionId"],
  parentFields: ["chainId", "sessionId"],
};

/** Miners' assignments of a task (`Task.assignments`). */
export const taskAssignmentsOfTask: ChildRelation = {
  child: taskAssignmentSpec,
  parentKey: TASK_KEY,
  parentFields: TASK_KEY,
};

/** Results of a task (`Task.results`). */
export const taskResultsOfTask: ChildRelation = {
  child: taskResultSpec,
  parentKey: TASK_KEY,
  parentFields: TASK_KEY,
};

/** Validations of a task (`Task.validations`). */
export const validationsOfTask: ChildRelation = {
  child: validationSpec,
  parentKey: TASK_KEY,
  parentFields: TASK_KEY,
};

/**
 * A miner's assignments (`Node.assignments`), in assignment order by default: the
 * (chain_id, miner, assigned_block) index then serves a page without sorting all of them.
 */
export const nodeAssignments: ChildRelation = {
  child: taskAssignmentSpec,
  parentKey: ["chainId", "miner"],
  parentFields: ["chainId", "address"],
  defaultOrder: { orderBy: "assignedBlock", direction: "asc" },
};

/** Reputation records of a node's id (`Node.reputationHistory`). */
export const nodeReputationHistory: ChildRelation = {
  child: nodeReputationRecordSpec,
  parentKey: ["chainId", "nodeId"],
  parentFields: ["chainId", "nodeId"],
};

/** NodePool events of a node's address (`Node.poolHistory`). */
export const nodePoolHistory: ChildRelation = {
  child: nodePoolEventSpec,
  parentKey: ["chainId", "address"],
  parentFields: ["chainId", "address"],
};

/** Miners of a cognitive round (`CognitiveRound.miners`). */
export const cognitiveRoundMiners: ChildRelation = {
  child: cognitiveRoundMinerSpec,
  parentKey: ["chainId", "roundId"],
  parentFields: ["chainId", "roundId"],
};

/** The task a row belongs to. */
export const taskOfRow: RowRelation = { target: taskSpec, parentFields: TASK_KEY };

/** The session a task belongs to. */
export const sessionOfTask: RowRelation = {
  target: sessionSpec,
  parentFields: ["chainId", "sessionId"],
};

/** The result read of a task (`Task.resultFetch`). */
export const resultFetchOfTask: RowRelation = {
  target: taskResultFetchSpec,
  parentFields: TASK_KEY,
};

/** The result a miner returned for its assignment (`TaskAssignment.result`). */
export const resultOfAssignment: RowRelation = {
  target: taskResultSpec,
  parentFields: [...TASK_KEY, "miner"],
};

/** The node of a row naming a miner (`TaskAssignment.node`, `Validation.node`, …). */
export const nodeOfMiner: RowRelation = { target: nodeSpec, parentFields: ["chainId", "miner"] };

/** The node of a row naming a node address (`DedicatedNode.node`, `SessionNodeChange.node`). */
export const nodeOfNodeAddress: RowRelation = {
  target: nodeSpec,
  parentFields: ["chainId", "nodeAddress"],
};

/** NodeStats of a node's id (`Node.stats`). */
export const statsOfNode: RowRelation = {
  target: nodeStatsSpec,
  parentFields: ["chainId", "nodeId"],
};
