import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import {
  blockHashes,
  cognitiveRoundMiners,
  cognitiveRounds,
  contractSettings,
  dedicatedNodes,
  events,
  nodePoolEvents,
  nodeReputationRecords,
  nodeStats,
  nodes,
  routers,
  sessionNodeChanges,
  sessions,
  taskAssignments,
  taskHistories,
  taskHourlyCounts,
  taskResultFetches,
  taskResults,
  taskStatusCounts,
  tasks,
  validations,
} from "./schema/index.ts";

/** A table whose rows are updated in place, with its primary key columns. */
export interface KeyedTable<T extends PgTable = PgTable> {
  table: T;
  key: readonly PgColumn[];
}

const keyed = <T extends PgTable>(table: T, key: readonly PgColumn[]): KeyedTable<T> => ({
  table,
  key,
});

/**
 * Every table the projection updates in place, by the name its ProjectionState uses. A reorg
 * restores their rows from the undo journal.
 */
export const keyedTables = {
  sessions: keyed(sessions, [sessions.chainId, sessions.sessionId]),
  tasks: keyed(tasks, [tasks.chainId, tasks.sessionId, tasks.taskId]),
  assignments: keyed(taskAssignments, [
    taskAssignments.chainId,
    taskAssignments.sessionId,
    taskAssignments.taskId,
    taskAssignments.miner,
  ]),
  nodes: keyed(nodes, [nodes.chainId, nodes.address]),
  nodeStats: keyed(nodeStats, [nodeStats.chainId, nodeStats.nodeId]),
  routers: keyed(routers, [routers.chainId, routers.contractAddress, routers.routerAddress]),
  dedicatedNodes: keyed(dedicatedNodes, [
    dedicatedNodes.chainId,
    dedicatedNodes.contractAddress,
    dedicatedNodes.nodeAddress,
  ]),
  cognitiveRounds: keyed(cognitiveRounds, [cognitiveRounds.chainId, cognitiveRounds.roundId]),
  cognitiveRoundMiners: keyed(cognitiveRoundMiners, [
    cognitiveRoundMiners.chainId,
    cognitiveRoundMiners.roundId,
    cognitiveRoundMiners.miner,
  ]),
  contractSettings: keyed(contractSettings, [
    contractSettings.chainId,
    contractSettings.contractAddress,
    contractSettings.setting,
  ]),
  taskStatusCounts: keyed(taskStatusCounts, [taskStatusCounts.chainId, taskStatusCounts.status]),
  taskHourlyCounts: keyed(taskHourlyCounts, [taskHourlyCounts.chainId, taskHourlyCounts.hourStart]),
  taskHistories: keyed(taskHistories, [
    taskHistories.chainId,
    taskHistories.sessionId,
    taskHistories.taskId,
  ]),
} as const;

/** A table whose rows are only ever added, each stamped with the block it came from. */
export interface AppendedTable {
  table: PgTable;
  chainId: PgColumn;
  blockNumber: PgColumn;
}

/**
 * Every table the sync only appends to: a reorg deletes their rows above the fork point.
 * `task_results` belongs here too: read at the block of the task's end, it is orphaned with it.
 */
export const appendedTables: readonly AppendedTable[] = [
  events,
  blockHashes,
  nodePoolEvents,
  nodeReputationRecords,
  sessionNodeChanges,
  validations,
  taskResultFetches,
  taskResults,
].map((table) => ({ table, chainId: table.chainId, blockNumber: table.blockNumber }));
