import { keyOf } from "../keyed-rows.ts";
import type { TaskRow } from "../projection-state.ts";
import { furthestStatus, type TaskStatus } from "../task-status.ts";
import type { EventContext, EventHandler } from "./event-context.ts";
import { assignmentRow, taskRow, touchNode } from "./rows.ts";
import { settleAssignment } from "./task-outcome.ts";

function advanceTask(ctx: EventContext, status: TaskStatus): TaskRow {
  const task = taskRow(ctx, ctx.num("sessionId"), ctx.num("taskId"));
  task.status = furthestStatus(task.status as TaskStatus, status);
  return task;
}

type MinerPhase = "acked" | "precommitted" | "committed";

/**
 * TaskAcked / TaskPrecommitted / TaskCommitted: the task's counter and first phase mark, the
 * miner's phase, and the node's counter and latency since the miner's previous phase.
 */
const minerPhase =
  (phase: MinerPhase, status: TaskStatus): EventHandler =>
  (ctx) => {
    const task = advanceTask(ctx, status);
    const miner = ctx.text("miner");
    const assignment = assignmentRow(ctx, task, miner);
    if (assignment[`${phase}Block`] !== null) {
      ctx.state.tasks.put(task);
      return;
    }
    const countColumn = {
      acked: "ackCount",
      precommitted: "precommitCount",
      committed: "commitCount",
    } as const;
    task[countColumn[phase]] += 1;
    task[`${phase}Block`] ??= ctx.block;
    task[`${phase}At`] ??= ctx.timestamp;

    const previousAt =
      phase === "acked"
        ? assignment.assignedAt
        : phase === "precommitted"
          ? (assignment.ackedAt ?? assignment.assignedAt)
          : (assignment.precommittedAt ?? assignment.ackedAt ?? assignment.assignedAt);
    assignment[`${phase}Block`] = ctx.block;
    assignment[`${phase}At`] = ctx.timestamp;

    const node = touchNode(ctx, miner);
    const latency = ctx.timestamp - previousAt;
    if (phase === "acked") {
      node.tasksAcked += 1;
      node.ackLatencySum += latency;
    } else if (phase === "precommitted") {
      node.tasksPrecommitted += 1;
      node.precommitLatencySum += latency;
    } else {
      node.tasksCommitted += 1;
      node.commitLatencySum += latency;
    }
    ctx.state.tasks.put(task);
    ctx.state.putAssignment(assignment);
    ctx.state.nodes.put(node);
  };

/** SessionQueueV2, every generation: the task lifecycle per task and per miner. */
export const sessionQueueHandlers: Record<string, EventHandler> = {
  TaskQueued(ctx) {
    const task = advanceTask(ctx, "QUEUED");
    task.globalId ??= ctx.num("globalId");
    task.taskData ??= ctx.text("taskData");
    task.queuedBlock ??= ctx.block;
    task.queuedAt ??= ctx.timestamp;
    ctx.state.tasks.put(task);
  },
  TaskAssigned(ctx) {
    const task = advanceTask(ctx, "ASSIGNED");
    task.miners = ctx.list("miners");
    task.assignedBlock ??= ctx.block;
    task.assignedAt ??= ctx.timestamp;
    ctx.state.tasks.put(task);
    for (const miner of task.miners) {
      if (ctx.state.assignments.get(keyOf(ctx.chainId, task.sessionId, task.taskId, miner)))
        continue;
      ctx.state.putAssignment(assignmentRow(ctx, task, miner));
      const node = touchNode(ctx, miner);
      node.tasksAssigned += 1;
      ctx.state.nodes.put(node);
    }
  },
  TaskAcked: minerPhase("acked", "ACKED"),
  TaskPrecommitted: minerPhase("precommitted", "PRECOMMITTED"),
  TaskCommitted: minerPhase("committed", "COMMITTED"),
  TaskPrecommitEnded(ctx) {
    const task = taskRow(ctx, ctx.num("sessionId"), ctx.num("taskId"));
    task.precommitEndedBlock ??= ctx.block;
    task.precommitEndedAt ??= ctx.timestamp;
    ctx.state.tasks.put(task);
  },
  TaskCommitEnded(ctx) {
    const task = taskRow(ctx, ctx.num("sessionId"), ctx.num("taskId"));
    task.commitEndedBlock ??= ctx.block;
    task.commitEndedAt ??= ctx.timestamp;
    ctx.state.tasks.put(task);
  },
  TaskAllPrecommitted(ctx) {
    const task = taskRow(ctx, ctx.num("sessionId"), ctx.num("taskId"));
    task.allPrecommittedBlock ??= ctx.block;
    task.allPrecommittedMiners = ctx.list("miners");
    ctx.state.tasks.put(task);
  },
  TaskAllCommitted(ctx) {
    const task = taskRow(ctx, ctx.num("sessionId"), ctx.num("taskId"));
    task.allCommittedBlock ??= ctx.block;
    task.allCommittedMiners = ctx.list("miners");
    ctx.state.tasks.put(task);
  },
  TaskEnded(ctx) {
    const task = advanceTask(ctx, "ENDED");
    const firstEnd = task.endedBlock === null;
    task.finalMiners = ctx.list("miners");
    task.endedBlock ??= ctx.block;
    task.endedAt ??= ctx.timestamp;
    ctx.state.tasks.put(task);
    if (!firstEnd) return;
    const finalMiners = new Set(task.finalMiners);
    for (const assignment of ctx.state.assignmentsOfTask(
      ctx.chainId,
      task.sessionId,
      task.taskId,
    )) {
      const node = touchNode(ctx, assignment.miner);
      ctx.state.putAssignment(settleAssignment(assignment, finalMiners, node, ctx.block));
      ctx.state.nodes.put(node);
    }
    ctx.state.taskResultFetches.push({
      chainId: ctx.chainId,
      sessionId: task.sessionId,
      taskId: task.taskId,
      contractAddress: ctx.contract,
      blockNumber: ctx.block,
    });
  },
};
