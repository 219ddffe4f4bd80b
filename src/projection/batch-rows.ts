import { type KeyedRows, keyOf } from "./keyed-rows.ts";
import {
  type AssignmentRow,
  type CognitiveRoundMinerRow,
  type CognitiveRoundRow,
  type DedicatedNodeRow,
  type NodeRow,
  type NodeStatsRow,
  ProjectionState,
  type RouterRow,
  type SessionRow,
  type TaskRow,
} from "./projection-state.ts";
import type { StateKeys } from "./state-keys.ts";

/**
 * The stored rows a batch of events can touch (sync/projection-store.ts reads them): the rows
 * of `keys`, every assignment of those tasks, and the nodes of `keys.nodes` and of those
 * assignments' miners.
 */
export interface BatchRows {
  keys: StateKeys;
  sessions: SessionRow[];
  tasks: TaskRow[];
  assignments: AssignmentRow[];
  nodes: NodeRow[];
  nodeStats: NodeStatsRow[];
  routers: RouterRow[];
  dedicatedNodes: DedicatedNodeRow[];
  cognitiveRounds: CognitiveRoundRow[];
  cognitiveRoundMiners: CognitiveRoundMinerRow[];
}

const keyStrings = (keys: readonly (readonly unknown[])[]) => keys.map((key) => keyOf(...key));

/**
 * Loads `read` into `rows`, then, for every key read or `needed`, the row `previous` holds:
 * the later value wins.
 */
function loadOver<Row>(
  rows: KeyedRows<Row>,
  read: readonly Row[],
  previous: KeyedRows<Row> | undefined,
  needed: readonly string[],
): void {
  rows.load(read);
  if (!previous) return;
  const keys = new Set(needed);
  for (const row of read) keys.add(rows.keyOf(row));
  const carried: Row[] = [];
  for (const key of keys) {
    const row = previous.get(key);
    if (row) carried.push(row);
  }
  rows.load(carried);
}

/**
 * The projection state of a batch from its stored rows. With `previous`, the state of the batch
 * written right before this one, the rows may have been read before that batch committed (while
 * it was written): every row it holds replaces the one read, which is what a read after its
 * commit would have returned. Exact because a batch writes only rows of its state (counters and
 * histories aside, which are not read), its state holds every assignment of its tasks, and the
 * node of every miner assigned in it; a row it neither read nor wrote reads the same before and
 * after its commit.
 */
export function stateFromRows(rows: BatchRows, previous?: ProjectionState): ProjectionState {
  const state = new ProjectionState();
  const { keys } = rows;
  loadOver(state.sessions, rows.sessions, previous?.sessions, keyStrings(keys.sessions));
  loadOver(state.tasks, rows.tasks, previous?.tasks, keyStrings(keys.tasks));
  state.loadAssignments(rows.assignments);
  if (previous) {
    state.loadAssignments(
      keys.tasks.flatMap(([chainId, sessionId, taskId]) =>
        previous.assignmentsOfTask(chainId, sessionId, taskId),
      ),
    );
  }
  const nodeKeys = keyStrings(keys.nodes);
  for (const assignment of state.assignments.all()) {
    nodeKeys.push(keyOf(assignment.chainId, assignment.miner));
  }
  loadOver(state.nodes, rows.nodes, previous?.nodes, nodeKeys);
  loadOver(state.nodeStats, rows.nodeStats, previous?.nodeStats, keyStrings(keys.nodeStats));
  loadOver(state.routers, rows.routers, previous?.routers, keyStrings(keys.routers));
  loadOver(
    state.dedicatedNodes,
    rows.dedicatedNodes,
    previous?.dedicatedNodes,
    keyStrings(keys.dedicatedNodes),
  );
  loadOver(
    state.cognitiveRounds,
    rows.cognitiveRounds,
    previous?.cognitiveRounds,
    keyStrings(keys.cognitiveRounds),
  );
  loadOver(
    state.cognitiveRoundMiners,
    rows.cognitiveRoundMiners,
    previous?.cognitiveRoundMiners,
    keyStrings(keys.cognitiveRoundMiners),
  );
  return state;
}
