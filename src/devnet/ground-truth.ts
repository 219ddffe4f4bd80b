import type { Address } from "viem";
import { lowerAddress as lower } from "./addresses.ts";
import type { DevnetAddresses } from "./deploy.ts";
import {
  COGNITIVE_PHASES,
  type GroundTruth,
  type GroundTruthSession,
  type GroundTruthValidation,
  type SessionParams,
  SIMULATED_TASK_STATUSES,
} from "./ground-truth-types.ts";
import { NodeTruthRecorder } from "./node-truth.ts";
import { CognitiveRoundRecorder } from "./round-truth.ts";
import { type MinerStep, newTaskRecord, renderTask, type TaskRecord } from "./task-truth.ts";

export * from "./ground-truth-types.ts";

interface SessionRecord extends SessionParams {
  owner: Address;
  taskCount: number;
  deactivated: boolean;
  miners: Address[];
}

/**
 * Accumulates the simulator's confirmed effects; `snapshot()` renders them as {@link GroundTruth}.
 * Times passed in are the block timestamps the simulator's clock gave the transactions.
 */
export class GroundTruthRecorder {
  /** NodePool / NodeStats / NodeVersion / CognitiveLevel / NodeReputation state per node. */
  readonly nodes = new NodeTruthRecorder();
  /** CognitiveV1 rounds. */
  readonly cognitiveRounds = new CognitiveRoundRecorder();
  private readonly sessions = new Map<bigint, SessionRecord>();
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly validations: GroundTruthValidation[] = [];
  private readonly events = new Map<string, number>();
  private rounds = 0;
  private transactions = 0;
  private clockStart = 0;

  constructor(
    private readonly chainId: number,
    private readonly contracts: DevnetAddresses,
  ) {}

  recordClockStart(timestamp: number): void {
    this.clockStart = timestamp;
  }

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
    this.tasks.set(taskKey(sessionId, taskId), newTaskRecord(sessionId, taskId, globalId));
  }

  recordAssigned(sessionId: bigint, taskId: bigint, miners: Address[], at: number): void {
    const task = this.task(sessionId, taskId);
    for (const miner of miners.map(lower)) {
      task.assigned.push(miner);
      task.times.set(miner, { assigned: at });
    }
  }

  recordMinerStep(
    step: MinerStep,
    sessionId: bigint,
    taskId: bigint,
    miner: Address,
    at: number,
  ): void {
    const task = this.task(sessionId, taskId);
    const key = lower(miner);
    task[step].push(key);
    task.times.set(key, { ...task.times.get(key), [step]: at });
  }

  recordResult(sessionId: bigint, taskId: bigint, miner: Address, result: string): void {
    this.task(sessionId, taskId).results.set(lower(miner), result);
  }

  /** `TaskEnded`: its final miner list is every committer, in commit order, but `dropped`. */
  recordEnded(sessionId: bigint, taskId: bigint, dropped: Address[], at: number): void {
    const task = this.task(sessionId, taskId);
    const left = new Set(dropped.map(lower));
    task.finalMiners = task.committed.filter((miner) => !left.has(miner));
    task.endedAt = at;
  }

  recordValidation(validation: GroundTruthValidation): void {
    this.validations.push({
      ...validation,
      validator: lower(validation.validator),
      miner: lower(validation.miner),
    });
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
    const tasks = [...this.tasks.values()].map(renderTask);
    const sessions = [...this.sessions].map(
      ([sessionId, session]): GroundTruthSession => ({
        ...session,
        sessionId: sessionId.toString(),
        miners: [...session.miners],
      }),
    );
    const cognitiveRounds = this.cognitiveRounds.render();
    return {
      chainId: this.chainId,
      contracts: Object.fromEntries(
        Object.entries(this.contracts).map(([name, address]) => [name, lower(address)]),
      ) as DevnetAddresses,
      rounds: this.rounds,
      transactions: this.transactions,
      clockStart: this.clockStart,
      counts: {
        sessions: sessions.length,
        deactivatedSessions: sessions.filter((session) => session.deactivated).length,
        tasks: tasks.length,
        tasksByStatus: tally(SIMULATED_TASK_STATUSES, tasks, (task) => task.status),
        cognitiveRounds: cognitiveRounds.length,
        cognitiveRoundsByPhase: tally(COGNITIVE_PHASES, cognitiveRounds, (round) => round.phase),
        validations: this.validations.length,
      },
      events: Object.fromEntries([...this.events].sort(([a], [b]) => a.localeCompare(b))),
      sessions,
      tasks,
      nodes: this.nodes.renderNodes(tasks),
      reputation: this.nodes.renderReputation(),
      cognitiveRounds,
      validations: this.validations.map((validation) => ({ ...validation })),
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
  const { cognitiveRounds, cognitiveRoundsByPhase, validations } = truth.counts;
  return [
    `chain ${truth.chainId}: ${truth.rounds} rounds, ${truth.transactions} transactions`,
    `  sessions ${truth.counts.sessions} (${truth.counts.deactivatedSessions} deactivated)`,
    `  tasks ${truth.counts.tasks}: ${statuses}`,
    `  cognitive rounds ${cognitiveRounds} (${cognitiveRoundsByPhase.ENDED} ended), validations ${validations}, nodes ${truth.nodes.length}`,
  ].join("\n");
}

/** Counts items per key, with every key of `keys` present (zero when unused). */
function tally<K extends string, T>(
  keys: readonly K[],
  items: readonly T[],
  keyOf: (item: T) => K,
): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const item of items) counts[keyOf(item)] += 1;
  return counts;
}

function taskKey(sessionId: bigint, taskId: bigint): string {
  return `${sessionId}:${taskId}`;
}
