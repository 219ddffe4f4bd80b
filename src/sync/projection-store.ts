import type { Database } from "../db/client.ts";
import { addToCounters, insertNewRows, selectByKeys, upsertRows } from "../db/rows-by-key.ts";
import {
  cognitiveRoundMiners,
  cognitiveRounds,
  contractSettings,
  dedicatedNodes,
  nodePoolEvents,
  nodeReputationRecords,
  nodeStats,
  nodes,
  routers,
  sessionNodeChanges,
  sessions,
  taskAssignments,
  taskHourlyCounts,
  taskResultFetches,
  taskStatusCounts,
  tasks,
  validations,
} from "../db/schema/index.ts";
import type { DecodedLog } from "../decode/decode-log.ts";
import { ProjectionState } from "../projection/projection-state.ts";
import { collectStateKeys } from "../projection/state-keys.ts";
import { taskCounterDeltas } from "../projection/task-counters.ts";

const keys = {
  sessions: [sessions.chainId, sessions.sessionId],
  tasks: [tasks.chainId, tasks.sessionId, tasks.taskId],
  assignments: [
    taskAssignments.chainId,
    taskAssignments.sessionId,
    taskAssignments.taskId,
    taskAssignments.miner,
  ],
  nodes: [nodes.chainId, nodes.address],
  nodeStats: [nodeStats.chainId, nodeStats.nodeId],
  routers: [routers.chainId, routers.contractAddress, routers.routerAddress],
  dedicatedNodes: [
    dedicatedNodes.chainId,
    dedicatedNodes.contractAddress,
    dedicatedNodes.nodeAddress,
  ],
  cognitiveRounds: [cognitiveRounds.chainId, cognitiveRounds.roundId],
  cognitiveRoundMiners: [
    cognitiveRoundMiners.chainId,
    cognitiveRoundMiners.roundId,
    cognitiveRoundMiners.miner,
  ],
  contractSettings: [
    contractSettings.chainId,
    contractSettings.contractAddress,
    contractSettings.setting,
  ],
} as const;

/**
 * Reads every row a batch of events can touch: one query per table, whatever the batch size.
 * Must run in the batch's transaction, after the checkpoint lock.
 */
export async function loadProjectionState(
  db: Database,
  logs: readonly DecodedLog[],
): Promise<ProjectionState> {
  const state = new ProjectionState();
  const needed = collectStateKeys(logs);
  state.sessions.load(await selectByKeys(db, sessions, keys.sessions, needed.sessions));
  state.tasks.load(await selectByKeys(db, tasks, keys.tasks, needed.tasks));
  // Every assignment of the batch's tasks: a task's end settles all of its miners.
  const assignments = await selectByKeys(
    db,
    taskAssignments,
    [taskAssignments.chainId, taskAssignments.sessionId, taskAssignments.taskId],
    needed.tasks,
  );
  state.loadAssignments(assignments);
  const nodeKeys = new Map(needed.nodes.map((key) => [key.join(":"), key]));
  for (const row of assignments)
    nodeKeys.set(`${row.chainId}:${row.miner}`, [row.chainId, row.miner]);
  state.nodes.load(await selectByKeys(db, nodes, keys.nodes, [...nodeKeys.values()]));
  state.nodeStats.load(await selectByKeys(db, nodeStats, keys.nodeStats, needed.nodeStats));
  state.routers.load(await selectByKeys(db, routers, keys.routers, needed.routers));
  state.dedicatedNodes.load(
    await selectByKeys(db, dedicatedNodes, keys.dedicatedNodes, needed.dedicatedNodes),
  );
  state.cognitiveRounds.load(
    await selectByKeys(db, cognitiveRounds, keys.cognitiveRounds, needed.cognitiveRounds),
  );
  state.cognitiveRoundMiners.load(
    await selectByKeys(
      db,
      cognitiveRoundMiners,
      keys.cognitiveRoundMiners,
      needed.cognitiveRoundMiners,
    ),
  );
  return state;
}

/** Writes back every row the batch changed or added. */
export async function writeProjectionState(db: Database, state: ProjectionState): Promise<void> {
  const counters = taskCounterDeltas(state.tasks);
  await addToCounters(
    db,
    taskStatusCounts,
    [taskStatusCounts.chainId, taskStatusCounts.status],
    { count: taskStatusCounts.count },
    counters.statuses,
  );
  await addToCounters(
    db,
    taskHourlyCounts,
    [taskHourlyCounts.chainId, taskHourlyCounts.hourStart],
    { queued: taskHourlyCounts.queued, ended: taskHourlyCounts.ended },
    counters.hours,
  );
  await upsertRows(db, sessions, keys.sessions, state.sessions.changed());
  await upsertRows(db, tasks, keys.tasks, state.tasks.changed());
  await upsertRows(db, taskAssignments, keys.assignments, state.assignments.changed());
  await upsertRows(db, nodes, keys.nodes, state.nodes.changed());
  await upsertRows(db, nodeStats, keys.nodeStats, state.nodeStats.changed());
  await upsertRows(db, routers, keys.routers, state.routers.changed());
  await upsertRows(db, dedicatedNodes, keys.dedicatedNodes, state.dedicatedNodes.changed());
  await upsertRows(db, cognitiveRounds, keys.cognitiveRounds, state.cognitiveRounds.changed());
  await upsertRows(
    db,
    cognitiveRoundMiners,
    keys.cognitiveRoundMiners,
    state.cognitiveRoundMiners.changed(),
  );
  await upsertRows(db, contractSettings, keys.contractSettings, state.contractSettings.changed());
  await insertNewRows(db, nodePoolEvents, state.nodePoolEvents.rows);
  await insertNewRows(db, nodeReputationRecords, state.nodeReputationRecords.rows);
  await insertNewRows(db, sessionNodeChanges, state.sessionNodeChanges.rows);
  await insertNewRows(db, validations, state.validations.rows);
  await insertNewRows(db, taskResultFetches, state.taskResultFetches.rows);
}
