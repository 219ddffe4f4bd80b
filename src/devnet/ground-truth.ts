import type { Address } from "viem";
import type { DevnetAddresses } from "./deploy.ts";

/**
 * Task statuses in lifecycle order. A task's status is the furthest phase it reached: ACKED needs
 * at least one ack, PRECOMMITTED one precommit, COMMITTED one commit, ENDED a `TaskEnded` event.
 * Deliberately independent of the indexer's own status code, so it can check that code.
 */
export const SIMULATED_TASK_STATUSES = [
  "QUEUED",
  "ASSIGNED",
  "ACKED",
  "PRECOMMITTED",
  "COMMITTED",
  "ENDED",
] as const;

export type SimulatedTaskStatus = (typeof SIMULATED_TASK_STATUSES)[number];

export interface SessionParams {
  minNumOfNodes: number;
  maxNumOfNodes: number;
  redundant: number;
}

/** What the simulator did to one session (ids are decimal strings, addresses lowercase). */
export interface GroundTruthSession extends SessionParams {
  sessionId: string;
  owner: Address;
  taskCount: number;
  deactivated: boolean;
  /** Nodes listed in `SessionCreated` plus those of `NewNodeAssignedToSession`. */
  miners: Address[];
}

export interface GroundTruthTask {
  sessionId: string;
  taskId: string;
  globalId: string;
  status: SimulatedTaskStatus;
  assignedMiners: Address[];
  ackedMiners: Address[];
  precommittedMiners: Address[];
  committedMiners: Address[];
}

/** Everything the simulator made happen on one chain, as plain JSON (addresses lowercase). */
export interface GroundTruth {
  chainId: number;
  contracts: DevnetAddresses;
  rounds: number;
  transactions: number;
  counts: {
    sessions: number;
    deactivatedSessions: number;
    tasks: number;
    tasksByStatus: Record<SimulatedTaskStatus, number>;
  };
  /** Logs emitted by the simulator's transactions, keyed `Contract.Event` (deployment excluded). */
  events: Record<string, number>;
  sessions: GroundTruthSession[];
  tasks: GroundTruthTask[];
}

interface TaskRecord {
  globalId: bigint;
  assigned: Address[];
  acked: Address[];
  precommitted: Address[];
  committed: Address[];
  ended: boolean;
}

interface SessionRecord extends SessionParams {
  owner: Address;
  taskCount: number;
  deactivated: boolean;
  miners: Address[];
}

/** Accumulates the simulator's confirmed effects; `snapshot()` renders them as {@link GroundTruth}. */
export class GroundTruthRecorder {
  private readonly sessions = new Map<bigint, SessionRecord>();
  private readonly tasks = new Map<string, TaskRecord & { sessionId: bigint; taskId: bigint }>();
  private readonly events = new Map<string, number>();
  private rounds = 0;
  private transactions = 0;

  constructor(
    private readonly chainId: number,
    private readonly contracts: DevnetAddresses,
  ) {}

  recordSession(sessionId: bigint, owner: Address, params: SessionParams, miners: Address[]): void {
    this.sessions.set(sessionId, {
      ...params,
      owner: lower(owner),
      taskCount: 0,
      deactivated: false,
      miners: miners.map(lower),
    });
  }

  addSessionMiners(sessionId: bigint, miners: Address[]): void {
    this.session(sessionId).miners.push(...miners.map(lower));
  }

  updateSession(sessionId: bigint, params: SessionParams): void {
    Object.assign(this.session(sessionId), params);
  }

  deactivateSession(sessionId: bigint): void {
    this.session(sessionId).deactivated = true;
  }

  recordQueued(sessionId: bigint, taskId: bigint, globalId: bigint): void {
    this.session(sessionId).taskCount += 1;
    this.tasks.set(taskKey(sessionId, taskId), {
      sessionId,
      taskId,
      globalId,
      assigned: [],
      acked: [],
      precommitted: [],
      committed: [],
      ended: false,
    });
  }

  recordAssigned(sessionId: bigint, taskId: bigint, miners: Address[]): void {
    this.task(sessionId, taskId).assigned.push(...miners.map(lower));
  }

  recordMinerStep(
    step: "acked" | "precommitted" | "committed",
    sessionId: bigint,
    taskId: bigint,
    miner: Address,
  ): void {
    this.task(sessionId, taskId)[step].push(lower(miner));
  }

  recordEnded(sessionId: bigint, taskId: bigint): void {
    this.task(sessionId, taskId).ended = true;
  }

  /** Counts one mined transaction and the events it emitted on `contract`. */
  recordTransaction(contract: string, events: readonly string[]): void {
    this.transactions += 1;
    this.countEvents(contract, events);
  }

  /** Counts events a transaction emitted on another contract than the one it called. */
  countEvents(contract: string, events: readonly string[]): void {
    for (const event of events) {
      const key = `${contract}.${event}`;
      this.events.set(key, (this.events.get(key) ?? 0) + 1);
    }
  }

  recordRound(): void {
    this.rounds += 1;
  }

  snapshot(): GroundTruth {
    const tasks = [...this.tasks.values()].map(
      (task): GroundTruthTask => ({
        sessionId: task.sessionId.toString(),
        taskId: task.taskId.toString(),
        globalId: task.globalId.toString(),
        status: statusOf(task),
        assignedMiners: [...task.assigned],
        ackedMiners: [...task.acked],
        precommittedMiners: [...task.precommitted],
        committedMiners: [...task.committed],
      }),
    );
    const tasksByStatus = Object.fromEntries(
      SIMULATED_TASK_STATUSES.map((status) => [status, 0]),
    ) as Record<SimulatedTaskStatus, number>;
    for (const task of tasks) tasksByStatus[task.status] += 1;
    const sessions = [...this.sessions].map(
      ([sessionId, session]): GroundTruthSession => ({
        ...session,
        sessionId: sessionId.toString(),
        miners: [...session.miners],
      }),
    );
    return {
      chainId: this.chainId,
      contracts: Object.fromEntries(
        Object.entries(this.contracts).map(([name, address]) => [name, lower(address)]),
      ) as DevnetAddresses,
      rounds: this.rounds,
      transactions: this.transactions,
      counts: {
        sessions: sessions.length,
        deactivatedSessions: sessions.filter((session) => session.deactivated).length,
        tasks: tasks.length,
        tasksByStatus,
      },
      events: Object.fromEntries([...this.events].sort(([a], [b]) => a.localeCompare(b))),
      sessions,
      tasks,
    };
  }

  private session(sessionId: bigint): SessionRecord {
    const session = this.sessions.get(sessionId);
    if (!session) throw new RangeError(`ground truth has no session ${sessionId}`);
    return session;
  }

  private task(sessionId: bigint, taskId: bigint): TaskRecord {
    const task = this.tasks.get(taskKey(sessionId, taskId));
    if (!task) throw new RangeError(`ground truth has no task ${sessionId}/${taskId}`);
    return task;
  }
}

/** One-paragraph human summary of a ground truth (the JSON itself is `JSON.stringify(truth)`). */
export function formatGroundTruthSummary(truth: GroundTruth): string {
  const statuses = SIMULATED_TASK_STATUSES.map(
    (status) => `${status}=${truth.counts.tasksByStatus[status]}`,
  ).join(" ");
  return [
    `chain ${truth.chainId}: ${truth.rounds} rounds, ${truth.transactions} transactions`,
    `  sessions ${truth.counts.sessions} (${truth.counts.deactivatedSessions} deactivated)`,
    `  tasks ${truth.counts.tasks}: ${statuses}`,
  ].join("\n");
}

function statusOf(task: TaskRecord): SimulatedTaskStatus {
  if (task.ended) return "ENDED";
  if (task.committed.length > 0) return "COMMITTED";
  if (task.precommitted.length > 0) return "PRECOMMITTED";
  if (task.acked.length > 0) return "ACKED";
  if (task.assigned.length > 0) return "ASSIGNED";
  return "QUEUED";
}

function taskKey(sessionId: bigint, taskId: bigint): string {
  return `${sessionId}:${taskId}`;
}

function lower(address: Address): Address {
  return address.toLowerCase() as Address;
}
