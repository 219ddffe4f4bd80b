import { keyOf } from "../keyed-rows.ts";
import {
  type AssignmentRow,
  type NodeRow,
  nodeKey,
  type SessionRow,
  sessionKey,
  type TaskRow,
  taskKey,
} from "../projection-state.ts";
import type { EventContext } from "./event-context.ts";
import { newAssignmentRow, newNodeRow, newSessionRow, newTaskRow } from "./row-defaults.ts";

/**
 * Get-or-create accessors shared by the handlers. Each returns a copy that the caller changes and
 * hands back through `state.*.put`, so a row is never half-updated in the state.
 */
export function sessionRow(ctx: EventContext, sessionId: string): SessionRow {
  const existing = ctx.state.sessions.get(sessionKey(ctx.chainId, sessionId));
  return existing ? { ...existing } : newSessionRow(ctx.chainId, sessionId, ctx.contract);
}

export function taskRow(ctx: EventContext, sessionId: string, taskId: string): TaskRow {
  const existing = ctx.state.tasks.get(taskKey(ctx.chainId, sessionId, taskId));
  return existing ? { ...existing } : newTaskRow(ctx.chainId, sessionId, taskId);
}

export function assignmentRow(ctx: EventContext, task: TaskRow, miner: string): AssignmentRow {
  const existing = ctx.state.assignments.get(
    keyOf(ctx.chainId, task.sessionId, task.taskId, miner),
  );
  // A miner seen first at a later phase (the index started after its assignment) counts as
  // assigned at that event.
  return existing ? { ...existing } : newAssignmentRow(task, miner, ctx.block, ctx.timestamp);
}

/** The node row of an address, its last-seen block moved to this event. */
export function touchNode(ctx: EventContext, address: string): NodeRow {
  const existing = ctx.state.nodes.get(nodeKey(ctx.chainId, address));
  const node = existing
    ? { ...existing }
    : newNodeRow(ctx.chainId, address, ctx.block, ctx.timestamp);
  if (ctx.block >= node.lastSeenBlock) {
    node.lastSeenBlock = ctx.block;
    node.lastSeenAt = ctx.timestamp;
  }
  return node;
}
