import type { SQL } from "drizzle-orm";
import type {
  DomainChanges,
  PhaseMark,
  TaskChange,
  TaskPhase,
} from "../projection/domain-changes.ts";
import { TASK_STATUSES } from "../projection/task-status.ts";
import type { Database } from "./client.ts";
import { addUp, furthestInOrder, keepFirst, keepLatest } from "./merge-expressions.ts";
import { sessions, tasks } from "./schema/index.ts";

const ROWS_PER_STATEMENT = 1000;

const phaseBlock = (change: TaskChange, phase: TaskPhase) => change.phases[phase]?.block ?? null;
const phaseTime = (mark: PhaseMark | undefined) => mark?.timestamp ?? null;

function toTaskRow(change: TaskChange): typeof tasks.$inferInsert {
  const { phases } = change;
  return {
    chainId: change.chainId,
    sessionId: change.sessionId,
    taskId: change.taskId,
    globalId: change.globalId ?? null,
    status: change.status,
    taskData: change.taskData ?? null,
    clientReference: change.clientReference ?? null,
    miners: change.miners ?? null,
    finalMiners: change.finalMiners ?? null,
    ackCount: change.ackDelta,
    precommitCount: change.precommitDelta,
    commitCount: change.commitDelta,
    submittedBlock: phaseBlock(change, "submitted"),
    submittedAt: phaseTime(phases.submitted),
    queuedBlock: phaseBlock(change, "queued"),
    queuedAt: phaseTime(phases.queued),
    assignedBlock: phaseBlock(change, "assigned"),
    assignedAt: phaseTime(phases.assigned),
    ackedBlock: phaseBlock(change, "acked"),
    ackedAt: phaseTime(phases.acked),
    precommittedBlock: phaseBlock(change, "precommitted"),
    precommittedAt: phaseTime(phases.precommitted),
    committedBlock: phaseBlock(change, "committed"),
    committedAt: phaseTime(phases.committed),
    endedBlock: phaseBlock(change, "ended"),
    endedAt: phaseTime(phases.ended),
  };
}

const TASK_MERGE: Partial<Record<keyof typeof tasks.$inferInsert, SQL>> = {
  status: furthestInOrder(tasks.status, TASK_STATUSES),
  miners: keepLatest(tasks.miners),
  finalMiners: keepLatest(tasks.finalMiners),
  ackCount: addUp(tasks.ackCount),
  precommitCount: addUp(tasks.precommitCount),
  commitCount: addUp(tasks.commitCount),
  globalId: keepFirst(tasks.globalId),
  taskData: keepFirst(tasks.taskData),
  clientReference: keepFirst(tasks.clientReference),
  submittedBlock: keepFirst(tasks.submittedBlock),
  submittedAt: keepFirst(tasks.submittedAt),
  queuedBlock: keepFirst(tasks.queuedBlock),
  queuedAt: keepFirst(tasks.queuedAt),
  assignedBlock: keepFirst(tasks.assignedBlock),
  assignedAt: keepFirst(tasks.assignedAt),
  ackedBlock: keepFirst(tasks.ackedBlock),
  ackedAt: keepFirst(tasks.ackedAt),
  precommittedBlock: keepFirst(tasks.precommittedBlock),
  precommittedAt: keepFirst(tasks.precommittedAt),
  committedBlock: keepFirst(tasks.committedBlock),
  committedAt: keepFirst(tasks.committedAt),
  endedBlock: keepFirst(tasks.endedBlock),
  endedAt: keepFirst(tasks.endedAt),
};

const SESSION_MERGE: Partial<Record<keyof typeof sessions.$inferInsert, SQL>> = {
  sid: keepFirst(sessions.sid),
  owner: keepFirst(sessions.owner),
  miners: keepFirst(sessions.miners),
  createdBlock: keepFirst(sessions.createdBlock),
  createdAt: keepFirst(sessions.createdAt),
  createdTx: keepFirst(sessions.createdTx),
  minNumOfNodes: keepLatest(sessions.minNumOfNodes),
  maxNumOfNodes: keepLatest(sessions.maxNumOfNodes),
  redundant: keepLatest(sessions.redundant),
  updatedBlock: keepLatest(sessions.updatedBlock),
  deactivatedBlock: keepFirst(sessions.deactivatedBlock),
  // DEACTIVATED sorts after ACTIVE: once deactivated, a session stays so.
  state: furthestInOrder(sessions.state, ["ACTIVE", "DEACTIVATED"]),
};

async function upsertTasks(db: Database, changes: readonly TaskChange[]): Promise<void> {
  for (let start = 0; start < changes.length; start += ROWS_PER_STATEMENT) {
    await db
      .insert(tasks)
      .values(changes.slice(start, start + ROWS_PER_STATEMENT).map(toTaskRow))
      .onConflictDoUpdate({
        target: [tasks.chainId, tasks.sessionId, tasks.taskId],
        set: TASK_MERGE,
      });
  }
}

async function upsertSessions(db: Database, changes: DomainChanges["sessions"]): Promise<void> {
  const rows = changes.map((change) => ({
    chainId: change.chainId,
    sessionId: change.sessionId,
    contractAddress: change.contractAddress,
    sid: change.created?.sid ?? null,
    owner: change.created?.owner ?? null,
    miners: change.created?.miners ?? null,
    createdBlock: change.created?.block ?? null,
    createdAt: change.created?.timestamp ?? null,
    createdTx: change.created?.tx ?? null,
    minNumOfNodes: change.updated?.minNumOfNodes ?? null,
    maxNumOfNodes: change.updated?.maxNumOfNodes ?? null,
    redundant: change.updated?.redundant ?? null,
    updatedBlock: change.updated?.block ?? null,
    state: change.deactivatedBlock === undefined ? "ACTIVE" : "DEACTIVATED",
    deactivatedBlock: change.deactivatedBlock ?? null,
  }));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db
      .insert(sessions)
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .onConflictDoUpdate({ target: [sessions.chainId, sessions.sessionId], set: SESSION_MERGE });
  }
}

/**
 * Applies projected changes with one multi-row upsert per table and batch.
 * Must run in the transaction that stores the events and advances the checkpoint.
 */
export async function writeDomainChanges(db: Database, changes: DomainChanges): Promise<void> {
  if (changes.sessions.length > 0) await upsertSessions(db, changes.sessions);
  if (changes.tasks.length > 0) await upsertTasks(db, changes.tasks);
}
