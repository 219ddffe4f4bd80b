import { events, sessions, tasks } from "../../db/schema/index.ts";
import type { ChildRelation } from "./child-lists.ts";
import type { EntitySpec, FieldSpec } from "./entity-spec.ts";

/** Task lifecycle phases, each with a `<phase>Block` and `<phase>At` column. */
export const TASK_PHASES = [
  "submitted",
  "queued",
  "assigned",
  "acked",
  "precommitted",
  "committed",
  "ended",
] as const;

type TaskPhase = (typeof TASK_PHASES)[number];

/** Sessions as a GraphQL entity: filterable and orderable fields. */
export const sessionSpec: EntitySpec = {
  typeName: "Session",
  table: sessions,
  primaryKey: ["chainId", "sessionId"],
  defaultOrderBy: "chainId",
  fields: {
    chainId: { column: sessions.chainId, kind: "int", orderable: true },
    sessionId: { column: sessions.sessionId, kind: "uint256", orderable: true },
    contractAddress: { column: sessions.contractAddress, kind: "address" },
    sid: { column: sessions.sid, kind: "text" },
    owner: { column: sessions.owner, kind: "address" },
    minNumOfNodes: { column: sessions.minNumOfNodes, kind: "uint256", orderable: true },
    maxNumOfNodes: { column: sessions.maxNumOfNodes, kind: "uint256", orderable: true },
    redundant: { column: sessions.redundant, kind: "uint256", orderable: true },
    state: { column: sessions.state, kind: "enum", enumType: "SessionState" },
    createdBlock: { column: sessions.createdBlock, kind: "bigint", orderable: true },
    createdAt: { column: sessions.createdAt, kind: "bigint", orderable: true },
    createdTx: { column: sessions.createdTx, kind: "hash" },
    updatedBlock: { column: sessions.updatedBlock, kind: "bigint", orderable: true },
    deactivatedBlock: { column: sessions.deactivatedBlock, kind: "bigint", orderable: true },
  },
};

function taskPhaseFields(): Record<string, FieldSpec> {
  const fields: Record<string, FieldSpec> = {};
  for (const phase of TASK_PHASES) {
    fields[`${phase}Block`] = {
      column: tasks[`${phase}Block` satisfies `${TaskPhase}Block`],
      kind: "bigint",
      orderable: true,
    };
    fields[`${phase}At`] = {
      column: tasks[`${phase}At` satisfies `${TaskPhase}At`],
      kind: "bigint",
      orderable: true,
    };
  }
  return fields;
}

/** Tasks as a GraphQL entity; `taskData` is not filterable (free text of any length). */
export const taskSpec: EntitySpec = {
  typeName: "Task",
  table: tasks,
  primaryKey: ["chainId", "sessionId", "taskId"],
  defaultOrderBy: "chainId",
  fields: {
    chainId: { column: tasks.chainId, kind: "int", orderable: true },
    sessionId: { column: tasks.sessionId, kind: "uint256", orderable: true },
    taskId: { column: tasks.taskId, kind: "uint256", orderable: true },
    globalId: { column: tasks.globalId, kind: "uint256", orderable: true },
    status: { column: tasks.status, kind: "enum", enumType: "TaskStatus" },
    clientReference: { column: tasks.clientReference, kind: "text" },
    ackCount: { column: tasks.ackCount, kind: "int", orderable: true },
    precommitCount: { column: tasks.precommitCount, kind: "int", orderable: true },
    commitCount: { column: tasks.commitCount, kind: "int", orderable: true },
    ...taskPhaseFields(),
  },
};

/** Events as a GraphQL entity. */
export const eventSpec: EntitySpec = {
  typeName: "Event",
  table: events,
  primaryKey: ["chainId", "blockNumber", "logIndex"],
  defaultOrderBy: "chainId",
  fields: {
    chainId: { column: events.chainId, kind: "int", orderable: true },
    blockNumber: { column: events.blockNumber, kind: "bigint", orderable: true },
    logIndex: { column: events.logIndex, kind: "int", orderable: true },
    blockHash: { column: events.blockHash, kind: "hash" },
    blockTimestamp: { column: events.blockTimestamp, kind: "bigint", orderable: true },
    txHash: { column: events.txHash, kind: "hash" },
    txIndex: { column: events.txIndex, kind: "int", orderable: true },
    contractAddress: { column: events.contractAddress, kind: "address" },
    contractKind: { column: events.contractKind, kind: "text" },
    eventName: { column: events.eventName, kind: "text" },
    abi: { column: events.abi, kind: "text" },
    topic0: { column: events.topic0, kind: "hash" },
  },
};

/** Tasks listed under their session (`Session.tasks`, `Session.taskCount`). */
export const sessionTasks: ChildRelation = {
  child: taskSpec,
  parentKey: ["chainId", "sessionId"],
};
