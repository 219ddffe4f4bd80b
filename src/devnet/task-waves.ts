import { type Address, keccak256, toBytes } from "viem";
import { nodeIdOf } from "./addresses.ts";
import { SIMULATED_TASK_STATUSES, type SimulatedTaskStatus } from "./ground-truth.ts";
import { poolCall, recordReputation } from "./pool-actions.ts";
import { activeSessions } from "./session-activity.ts";
import type { SimulatedSession, SimulationContext } from "./simulation-context.ts";
import { planDrops, planTask, type TaskPlan } from "./task-plan.ts";

export interface SimulatedTask {
  sessionId: bigint;
  taskId: bigint;
  plan: TaskPlan;
}

/** Chance that a miner does a phase one wave (a few seconds) after the others. */
const LATE_CHANCE = 0.3;

type MinerSend = (
  ctx: SimulationContext,
  task: SimulatedTask,
  miner: Address,
  at: number,
) => Promise<void>;

/**
 * A miner phase for every task: each miner of `minersOf(plan)` sends it, except that a seeded
 * share of them are late and send it in a second wave, so latencies differ within a task.
 */
function minerWave(minersOf: (plan: TaskPlan) => Address[], send: MinerSend) {
  return async (ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> => {
    const late: [SimulatedTask, Address][] = [];
    for (const task of tasks) {
      for (const miner of minersOf(task.plan)) {
        if (ctx.networkRandom.chance(LATE_CHANCE)) late.push([task, miner]);
        else await send(ctx, task, miner, ctx.clock.now);
      }
    }
    if (late.length === 0) return;
    await ctx.nextWave();
    for (const [task, miner] of late) await send(ctx, task, miner, ctx.clock.now);
  };
}

const ackWave = minerWave(
  (plan) => plan.ackers,
  async (ctx, { sessionId, taskId }, miner, at) => {
    await ctx.contracts.queue.send(miner, "ack", [sessionId, taskId], {
      events: ["TaskAcked"],
      sessionId,
      taskId,
      onConfirmed: () => ctx.truth.recordMinerStep("acked", sessionId, taskId, miner, at),
    });
  },
);

const precommitWave = minerWave(
  (plan) => plan.precommitters,
  async (ctx, { sessionId, taskId }, miner, at) => {
    const hash = keccak256(toBytes(resultOf(ctx, sessionId, taskId, miner)));
    await ctx.contracts.queue.send(miner, "precommit", [sessionId, taskId, hash, ""], {
      events: ["TaskPrecommitted"],
      sessionId,
      taskId,
      onConfirmed: () => ctx.truth.recordMinerStep("precommitted", sessionId, taskId, miner, at),
    });
  },
);

const commitWave = minerWave(
  (plan) => plan.committers,
  async (ctx, { sessionId, taskId }, miner, at) => {
    const result = resultOf(ctx, sessionId, taskId, miner);
    await ctx.contracts.queue.send(miner, "commit", [sessionId, taskId, result], {
      events: ["TaskCommitted"],
      sessionId,
      taskId,
      onConfirmed: () => {
        ctx.truth.recordMinerStep("committed", sessionId, taskId, miner, at);
        ctx.truth.recordResult(sessionId, taskId, miner, result);
      },
    });
  },
);

/**
 * The task lifecycle as waves: each wave sends one phase for every task of the round, so a
 * round's tasks interleave on chain the way concurrent tasks do on the real network.
 * The caller confirms the transactions between waves.
 */
export const taskWaves: readonly ((
  ctx: SimulationContext,
  tasks: SimulatedTask[],
) => Promise<void>)[] = [
  assignWave,
  ackWave,
  precommitWave,
  endPrecommitWave,
  commitWave,
  endWave,
  settleWave,
];

/**
 * Submits `perSession` tasks to each new session and, now and then, one task to an older active
 * session (whose `redundant` may have been updated since).
 */
export async function submitTasks(
  ctx: SimulationContext,
  newSessions: SimulatedSession[],
  perSession: number,
): Promise<SimulatedTask[]> {
  const targets = newSessions.flatMap((session) =>
    Array<SimulatedSession>(perSession).fill(session),
  );
  const older = activeSessions(ctx).filter((session) => !newSessions.includes(session));
  if (older.length > 0 && ctx.random.chance(0.3)) targets.push(ctx.random.pick(older));

  const tasks: SimulatedTask[] = [];
  for (const session of targets) {
    const sessionId = session.id;
    const taskId = session.nextTaskId++;
    const globalId = ctx.nextGlobalId++;
    const taskData = ctx.random.chance(0.5)
      ? `urn:cortensor:prompt:${ctx.chainId}:${sessionId}:${taskId}`
      : `Prompt ${globalId}: ${ctx.random.pick(PROMPTS)}`;
    await ctx.contracts.session.send(
      session.owner,
      "submit",
      [sessionId, taskData, `client-${ctx.chainId}-${sessionId}-${taskId}`],
      {
        events: ["TaskSubmitted"],
        sessionId,
        taskId,
        onConfirmed: () => {
          ctx.truth.countEvents("SessionQueueV2", ["TaskQueued"]);
          ctx.truth.recordQueued(sessionId, taskId, globalId);
        },
      },
    );
    const plan = planTask(ctx.random, session.miners, session.redundant);
    planDrops(ctx.networkRandom, plan);
    tasks.push({ sessionId, taskId, plan });
  }
  return tasks;
}

const PROMPTS = [
  "summarise the attached article in three sentences",
  "translate 'good morning' into French",
  "classify the sentiment of: the launch went great",
  "write a haiku about decentralised inference",
];

/** The pool reserves each assigned miner; the queue assigns; SessionV2 mirrors it by node id. */
async function assignWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  const { queue, session } = ctx.contracts;
  const { oracle } = ctx.actors;
  const at = ctx.clock.now;
  for (const { sessionId, taskId, plan } of tasks) {
    if (plan.assigned.length === 0) continue;
    for (const miner of plan.assigned) await poolCall(ctx, "reserve", miner);
    await queue.send(oracle, "assignTask", [sessionId, taskId, plan.assigned, 0n], {
      events: ["TaskAssigned"],
      sessionId,
      taskId,
      onConfirmed: () => ctx.truth.recordAssigned(sessionId, taskId, plan.assigned, at),
    });
    if (ctx.random.chance(0.7)) {
      await session.send(
        oracle,
        "assignTaskNodes",
        [sessionId, taskId, plan.assigned.map(nodeIdOf)],
        {
          events: ["TaskAssigned"],
          sessionId,
          taskId,
        },
      );
    }
  }
}

async function endPrecommitWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  for (const { sessionId, taskId, plan } of reaching("COMMITTED", tasks)) {
    const all = plan.emitAllPrecommitted;
    await ctx.contracts.queue.send(ctx.actors.oracle, "endPrecommit", [sessionId, taskId, all], {
      events: all ? ["TaskPrecommitEnded", "TaskAllPrecommitted"] : ["TaskPrecommitEnded"],
      sessionId,
      taskId,
    });
  }
}

/**
 * Closes the commit phase and ends the task, forced when a miner failed to commit; a task that
 * drops a committer ends with `end2` after the oracle excluded that miner.
 */
async function endWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  const { queue } = ctx.contracts;
  const { oracle } = ctx.actors;
  const at = ctx.clock.now;
  for (const { sessionId, taskId, plan } of reaching("ENDED", tasks)) {
    const options = { sessionId, taskId };
    const all = plan.emitAllCommitted;
    await queue.send(oracle, "endCommit", [sessionId, taskId, all], {
      ...options,
      events: all ? ["TaskCommitEnded", "TaskAllCommitted"] : ["TaskCommitEnded"],
    });
    for (const miner of plan.dropped) {
      await queue.send(oracle, "excludeMiner", [sessionId, taskId, miner], {
        ...options,
        events: [],
      });
    }
    const forceEnd = plan.committers.length < plan.assigned.length;
    await queue.send(
      oracle,
      plan.dropped.length > 0 ? "end2" : "end",
      [sessionId, taskId, forceEnd],
      {
        ...options,
        events: ["TaskEnded"],
        onConfirmed: () => ctx.truth.recordEnded(sessionId, taskId, plan.dropped, at),
      },
    );
  }
}

/**
 * After a task ends its miners go back to the pool and each gets a reputation record: success,
 * the phase it missed, or "end" when it was dropped from the final list. Those in the final list
 * get their last-execution timestamp set.
 */
async function settleWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  for (const { plan } of reaching("ENDED", tasks)) {
    for (const miner of plan.assigned) {
      await poolCall(ctx, "release", miner);
      const failed = missedPhase(plan, miner) ?? (plan.dropped.includes(miner) ? "end" : undefined);
      await recordReputation(ctx, miner, failed ?? "commit", !failed);
      if (!failed) await poolCall(ctx, "setLastExecutionTimestampByNode", miner);
    }
  }
}

function missedPhase(plan: TaskPlan, miner: Address): "ack" | "precommit" | "commit" | undefined {
  if (!plan.ackers.includes(miner)) return "ack";
  if (!plan.precommitters.includes(miner)) return "precommit";
  if (!plan.committers.includes(miner)) return "commit";
  return undefined;
}

/** The tasks whose plan goes at least as far as `status`. */
export function reaching(status: SimulatedTaskStatus, tasks: SimulatedTask[]): SimulatedTask[] {
  const rank = SIMULATED_TASK_STATUSES.indexOf(status);
  return tasks.filter((task) => SIMULATED_TASK_STATUSES.indexOf(task.plan.stopAt) >= rank);
}

/** A miner's answer: deterministic, so the precommitted hash matches the later commit. */
function resultOf(
  ctx: SimulationContext,
  sessionId: bigint,
  taskId: bigint,
  miner: Address,
): string {
  return `result of task ${sessionId}/${taskId} on chain ${ctx.chainId} by ${miner.toLowerCase()}`;
}
