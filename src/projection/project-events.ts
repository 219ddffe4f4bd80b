import type { DecodedLog } from "../decode/decode-log.ts";
import type { DomainChanges, SessionChange, TaskChange, TaskPhase } from "./domain-changes.ts";
import { furthestStatus, type TaskStatus } from "./task-status.ts";

type Args = Record<string, unknown>;

const str = (args: Args, name: string): string => String(args[name]);
const list = (args: Args, name: string): string[] => (args[name] as string[]) ?? [];

/** Queue events that move a task, with the phase and status they reach and the counter they bump. */
const TASK_PHASE_EVENTS: Record<
  string,
  { phase: TaskPhase; status: TaskStatus; counter?: "ackDelta" | "precommitDelta" | "commitDelta" }
> = {
  TaskQueued: { phase: "queued", status: "QUEUED" },
  TaskAcked: { phase: "acked", status: "ACKED", counter: "ackDelta" },
  TaskPrecommitted: { phase: "precommitted", status: "PRECOMMITTED", counter: "precommitDelta" },
  TaskCommitted: { phase: "committed", status: "COMMITTED", counter: "commitDelta" },
  TaskEnded: { phase: "ended", status: "ENDED" },
};

class ChangeSet {
  private readonly sessions = new Map<string, SessionChange>();
  private readonly tasks = new Map<string, TaskChange>();

  session(log: DecodedLog, sessionId: string): SessionChange {
    const key = `${log.chainId}:${sessionId}`;
    let change = this.sessions.get(key);
    if (!change) {
      change = { chainId: log.chainId, sessionId, contractAddress: log.address.toLowerCase() };
      this.sessions.set(key, change);
    }
    return change;
  }

  task(log: DecodedLog, sessionId: string, taskId: string, status: TaskStatus): TaskChange {
    const key = `${log.chainId}:${sessionId}:${taskId}`;
    let change = this.tasks.get(key);
    if (!change) {
      change = {
        chainId: log.chainId,
        sessionId,
        taskId,
        status,
        ackDelta: 0,
        precommitDelta: 0,
        commitDelta: 0,
        phases: {},
      };
      this.tasks.set(key, change);
    }
    change.status = furthestStatus(change.status, status);
    return change;
  }

  result(): DomainChanges {
    return { sessions: [...this.sessions.values()], tasks: [...this.tasks.values()] };
  }
}

function markPhase(change: TaskChange, phase: TaskPhase, log: DecodedLog): void {
  change.phases[phase] ??= { block: log.blockNumber, timestamp: log.blockTimestamp };
}

function applySessionEvent(changes: ChangeSet, log: DecodedLog, args: Args): void {
  switch (log.eventName) {
    case "SessionCreated": {
      changes.session(log, str(args, "sessionId")).created ??= {
        sid: str(args, "sid"),
        owner: str(args, "owner"),
        miners: list(args, "miners"),
        block: log.blockNumber,
        timestamp: log.blockTimestamp,
        tx: log.txHash.toLowerCase(),
      };
      return;
    }
    case "SessionUpdated": {
      changes.session(log, str(args, "sessionId")).updated = {
        minNumOfNodes: str(args, "minNumOfNodes"),
        maxNumOfNodes: str(args, "maxNumOfNodes"),
        redundant: str(args, "redundant"),
        block: log.blockNumber,
      };
      return;
    }
    case "SessionDeactivated": {
      changes.session(log, str(args, "sessionId")).deactivatedBlock ??= log.blockNumber;
      return;
    }
    case "TaskSubmitted": {
      const task = changes.task(log, str(args, "sessionId"), str(args, "taskId"), "QUEUED");
      task.taskData ??= str(args, "taskData");
      task.clientReference ??= str(args, "clientReference");
      markPhase(task, "submitted", log);
      return;
    }
  }
}

function applyQueueEvent(changes: ChangeSet, log: DecodedLog, args: Args): void {
  const sessionId = str(args, "sessionId");
  const taskId = str(args, "taskId");
  if (log.eventName === "TaskAssigned") {
    const task = changes.task(log, sessionId, taskId, "ASSIGNED");
    task.miners = list(args, "miners");
    markPhase(task, "assigned", log);
    return;
  }
  const rule = log.eventName ? TASK_PHASE_EVENTS[log.eventName] : undefined;
  if (!rule) return;
  const task = changes.task(log, sessionId, taskId, rule.status);
  if (rule.counter) task[rule.counter] += 1;
  if (log.eventName === "TaskQueued") {
    task.globalId ??= str(args, "globalId");
    task.taskData ??= str(args, "taskData");
  }
  if (log.eventName === "TaskEnded") task.finalMiners = list(args, "miners");
  markPhase(task, rule.phase, log);
}

/**
 * Turns decoded events, in chain order, into the session and task changes they imply.
 * Pure: no I/O, so the same events always give the same changes.
 */
export function projectEvents(logs: readonly DecodedLog[]): DomainChanges {
  const changes = new ChangeSet();
  for (const log of logs) {
    if (!log.args) continue;
    if (log.contractKind === "SessionV2") applySessionEvent(changes, log, log.args);
    else if (log.contractKind === "SessionQueueV2") applyQueueEvent(changes, log, log.args);
  }
  return changes.result();
}
