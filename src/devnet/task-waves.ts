import { type Address, keccak256, toBytes } from "viem";
import { SIMULATED_TASK_STATUSES, type SimulatedTaskStatus } from "./ground-truth.ts";
import { activeSessions } from "./session-activity.ts";
import { nodeIdOf, type SimulatedSession, type SimulationContext } from "./simulation-context.ts";
import { planTask, type TaskPlan } from "./task-plan.ts";

export interface SimulatedTask {
  sessionId: bigint;
  taskId: bigint;
  plan: TaskPlan;
}

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
    tasks.push({
      sessionId,
      taskId,
      plan: planTask(ctx.random, session.miners, session.redundant),
    });
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
  const { pool, queue, session } = ctx.contracts;
  const { oracle } = ctx.actors;
  for (const { sessionId, taskId, plan } of tasks) {
    if (plan.assigned.length === 0) continue;
    for (const miner of plan.assigned) {
      await pool.send(oracle, "reserve", [miner], { events: ["NodeReserved"] });
    }
    await queue.send(oracle, "assignTask", [sessionId, taskId, plan.assigned, 0n], {
      events: ["TaskAssigned"],
      sessionId,
      taskId,
      onConfirmed: () => ctx.truth.recordAssigned(sessionId, taskId, plan.assigned),
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

async function ackWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  for (const { sessionId, taskId, plan } of tasks) {
    for (const miner of plan.ackers) {
      await ctx.contracts.queue.send(miner, "ack", [sessionId, taskId], {
        events: ["TaskAcked"],
        sessionId,
        taskId,
        onConfirmed: () => ctx.truth.recordMinerStep("acked", sessionId, taskId, miner),
      });
    }
  }
}

async function precommitWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  for (const { sessionId, taskId, plan } of tasks) {
    for (const miner of plan.precommitters) {
      const hash = keccak256(toBytes(resultOf(ctx, sessionId, taskId, miner)));
      await ctx.contracts.queue.send(miner, "precommit", [sessionId, taskId, hash, ""], {
        events: ["TaskPrecommitted"],
        sessionId,
        taskId,
        onConfirmed: () => ctx.truth.recordMinerStep("precommitted", sessionId, taskId, miner),
      });
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

async function commitWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  for (const { sessionId, taskId, plan } of tasks) {
    for (const miner of plan.committers) {
      const result = resultOf(ctx, sessionId, taskId, miner);
      await ctx.contracts.queue.send(miner, "commit", [sessionId, taskId, result], {
        events: ["TaskCommitted"],
        sessionId,
        taskId,
        onConfirmed: () => ctx.truth.recordMinerStep("committed", sessionId, taskId, miner),
      });
    }
  }
}

/** Closes the commit phase and ends the task, forced when a miner failed to commit. */
async function endWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  const { queue } = ctx.contracts;
  const { oracle } = ctx.actors;
  for (const { sessionId, taskId, plan } of reaching("ENDED", tasks)) {
    const all = plan.emitAllCommitted;
    await queue.send(oracle, "endCommit", [sessionId, taskId, all], {
      events: all ? ["TaskCommitEnded", "TaskAllCommitted"] : ["TaskCommitEnded"],
      sessionId,
      taskId,
    });
    const forceEnd = plan.committers.length < plan.assigned.length;
    await queue.send(oracle, "end", [sessionId, taskId, forceEnd], {
      events: ["TaskEnded"],
      sessionId,
      taskId,
      onConfirmed: () => ctx.truth.recordEnded(sessionId, taskId),
    });
  }
}

/**
 * After a task ends its miners go back to the pool, each gets a reputation record (success, or
 * the phase it missed) and those that committed get their last-execution timestamp set.
 */
async function settleWave(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  const { pool, reputation } = ctx.contracts;
  const { oracle } = ctx.actors;
  for (const { plan } of reaching("ENDED", tasks)) {
    for (const miner of plan.assigned) {
      await pool.send(oracle, "release", [miner], { events: ["NodeReleased"] });
      const missed = missedPhase(plan, miner);
      await reputation.send(oracle, "record", [nodeIdOf(miner), missed ?? "commit", !missed], {
        events: ["StateRecorded"],
      });
      if (!missed) {
        await pool.send(oracle, "setLastExecutionTimestampByNode", [miner], {
          events: ["LastExecutionTimestampSet"],
        });
      }
    }
  }
}

function missedPhase(plan: TaskPlan, miner: Address): "ack" | "precommit" | "commit" | undefined {
  if (!plan.ackers.includes(miner)) return "ack";
  if (!plan.precommitters.includes(miner)) return "precommit";
  if (!plan.committers.includes(miner)) return "commit";
  return undefined;
}

function reaching(status: SimulatedTaskStatus, tasks: SimulatedTask[]): SimulatedTask[] {
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
