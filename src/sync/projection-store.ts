import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { keyedTables } from "../db/projected-tables.ts";
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
import {
  refreshChangedTaskHistories,
  type TaskHistoryPart,
  type TaskKey,
} from "../db/task-histories.ts";
import { type RowsToWrite, recordPreImages } from "../db/undo-journal.ts";
import type { ProjectedLog } from "../decode/decode-log.ts";
import { type BatchRows, stateFromRows } from "../projection/batch-rows.ts";
import type { ProjectionState } from "../projection/projection-state.ts";
import { collectStateKeys } from "../projection/state-keys.ts";
import { taskCounterDeltas } from "../projection/task-counters.ts";

const keys = Object.fromEntries(
  Object.entries(keyedTables).map(([name, { key }]) => [name, key]),
) as { [Name in keyof typeof keyedTables]: (typeof keyedTables)[Name]["key"] };

/**
 * Reads every row a batch of events can touch: one query per table, whatever the batch size.
 * Within the batch's transaction (after the checkpoint lock), or ahead of it, in which case
 * stateFromRows brings the rows up to date with the batch written meanwhile.
 */
export async function readBatchRows(
  db: Database,
  logs: readonly ProjectedLog[],
): Promise<BatchRows> {
  const needed = collectStateKeys(logs);
  const sessionRows = await selectByKeys(db, sessions, keys.sessions, needed.sessions);
  const taskRows = await selectByKeys(db, tasks, keys.tasks, needed.tasks);
  // Every assignment of the batch's tasks: a task's end settles all of its miners.
  const assignments = await selectByKeys(
    db,
    taskAssignments,
    [taskAssignments.chainId, taskAssignments.sessionId, taskAssignments.taskId],
    needed.tasks,
  );
  const nodeKeys = new Map(needed.nodes.map((key) => [key.join(":"), key]));
  for (const row of assignments)
    nodeKeys.set(`${row.chainId}:${row.miner}`, [row.chainId, row.miner]);
  return {
    keys: needed,
    sessions: sessionRows,
    tasks: taskRows,
    assignments,
    nodes: await selectByKeys(db, nodes, keys.nodes, [...nodeKeys.values()]),
    nodeStats: await selectByKeys(db, nodeStats, keys.nodeStats, needed.nodeStats),
    routers: await selectByKeys(db, routers, keys.routers, needed.routers),
    dedicatedNodes: await selectByKeys(
      db,
      dedicatedNodes,
      keys.dedicatedNodes,
      needed.dedicatedNodes,
    ),
    cognitiveRounds: await selectByKeys(
      db,
      cognitiveRounds,
      keys.cognitiveRounds,
      needed.cognitiveRounds,
    ),
    cognitiveRoundMiners: await selectByKeys(
      db,
      cognitiveRoundMiners,
      keys.cognitiveRoundMiners,
      needed.cognitiveRoundMiners,
    ),
  };
}

/**
 * The projection state of a batch, read in its transaction: every row its events can touch.
 * Must run after the checkpoint lock.
 */
export async function loadProjectionState(
  db: Database,
  logs: readonly ProjectedLog[],
): Promise<ProjectionState> {
  return stateFromRows(await readBatchRows(db, logs));
}

interface TaskKeyed {
  chainId: number;
  sessionId: string;
  taskId: string;
}

const taskKeysOf = (rows: readonly TaskKeyed[]): TaskKey[] =>
  rows.map((row) => [row.chainId, row.sessionId, row.taskId]);

/** The tasks whose history parts the batch's writes change, by part. */
function changedHistoryParts(
  state: ProjectionState,
  assignments: readonly TaskKeyed[],
): [TaskHistoryPart, TaskKey[]][] {
  const parts: [TaskHistoryPart, TaskKey[]][] = [
    ["assignments", taskKeysOf(assignments)],
    ["validations", taskKeysOf(state.validations.rows)],
    ["resultFetchStatus", taskKeysOf(state.taskResultFetches.rows)],
  ];
  return parts.filter(([, keys]) => keys.length > 0);
}

/** Where a batch above the final block journals the rows it overwrites (see undo-journal.ts). */
export interface JournalTarget {
  chainId: number;
  batchToBlock: bigint;
}

/**
 * Writes back every row the batch changed or added. With `journal`, the rows it is about to
 * overwrite are first recorded in the undo journal, so that a reorg can restore them.
 */
export async function writeProjectionState(
  db: Database,
  state: ProjectionState,
  journal?: JournalTarget,
): Promise<void> {
  const counters = taskCounterDeltas(state.tasks);
  const changed = {
    sessions: state.sessions.changed(),
    tasks: state.tasks.changed(),
    assignments: state.assignments.changed(),
    nodes: state.nodes.changed(),
    nodeStats: state.nodeStats.changed(),
    routers: state.routers.changed(),
    dedicatedNodes: state.dedicatedNodes.changed(),
    cognitiveRounds: state.cognitiveRounds.changed(),
    cognitiveRoundMiners: state.cognitiveRoundMiners.changed(),
    contractSettings: state.contractSettings.changed(),
  };
  const historyParts = changedHistoryParts(state, changed.assignments);
  if (journal) {
    const writes: RowsToWrite[] = Object.entries(changed).map(([name, rows]) => ({
      keyed: keyedTables[name as keyof typeof changed],
      rows,
    }));
    writes.push({ keyed: keyedTables.taskStatusCounts, rows: counters.statuses });
    writes.push({ keyed: keyedTables.taskHourlyCounts, rows: counters.hours });
    const historyKeys = historyParts.flatMap(([, keys]) => keys);
    writes.push({
      keyed: keyedTables.taskHistories,
      rows: historyKeys.map(([chainId, sessionId, taskId]) => ({ chainId, sessionId, taskId })),
    });
    await recordPreImages(db, journal.chainId, journal.batchToBlock, writes);
  }
  await addToCounters(
    db,
    taskStatusCounts,
    keys.taskStatusCounts,
    { count: taskStatusCounts.count },
    counters.statuses,
  );
  // A status a task only passed through within the batch nets to zero: no row, as a rebuild has.
  if (counters.statuses.length > 0) {
    await db.execute(sql`delete from ${taskStatusCounts} where ${taskStatusCounts.count} = 0`);
  }
  await addToCounters(
    db,
    taskHourlyCounts,
    keys.taskHourlyCounts,
    { queued: taskHourlyCounts.queued, ended: taskHourlyCounts.ended },
    counters.hours,
  );
  await upsertRows(db, sessions, keys.sessions, changed.sessions);
  await upsertRows(db, tasks, keys.tasks, changed.tasks);
  await upsertRows(db, taskAssignments, keys.assignments, changed.assignments);
  await upsertRows(db, nodes, keys.nodes, changed.nodes);
  await upsertRows(db, nodeStats, keys.nodeStats, changed.nodeStats);
  await upsertRows(db, routers, keys.routers, changed.routers);
  await upsertRows(db, dedicatedNodes, keys.dedicatedNodes, changed.dedicatedNodes);
  await upsertRows(db, cognitiveRounds, keys.cognitiveRounds, changed.cognitiveRounds);
  await upsertRows(
    db,
    cognitiveRoundMiners,
    keys.cognitiveRoundMiners,
    changed.cognitiveRoundMiners,
  );
  await upsertRows(db, contractSettings, keys.contractSettings, changed.contractSettings);
  await insertNewRows(db, nodePoolEvents, state.nodePoolEvents.rows);
  await insertNewRows(db, nodeReputationRecords, state.nodeReputationRecords.rows);
  await insertNewRows(db, sessionNodeChanges, state.sessionNodeChanges.rows);
  await insertNewRows(db, validations, state.validations.rows);
  await insertNewRows(db, taskResultFetches, state.taskResultFetches.rows);
  await refreshChangedTaskHistories(db, historyParts);
}
