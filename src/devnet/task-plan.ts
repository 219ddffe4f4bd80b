import type { Address } from "viem";
import { SIMULATED_TASK_STATUSES, type SimulatedTaskStatus } from "./ground-truth.ts";
import type { SeededRandom } from "./random.ts";

/** How far a task will get and which miners take part in each phase. Drawn up front. */
export interface TaskPlan {
  /** Last phase the simulator drives the task to; anything short of ENDED leaves it unfinished. */
  stopAt: SimulatedTaskStatus;
  assigned: Address[];
  ackers: Address[];
  precommitters: Address[];
  committers: Address[];
  /** Committers the oracle leaves out of `TaskEnded`'s list (ended with `end2`); see planDrops. */
  dropped: Address[];
  emitAllPrecommitted: boolean;
  emitAllCommitted: boolean;
}

/** Most tasks finish; the rest stall at every possible phase so the indexer sees each status. */
const STOP_WEIGHTS: Record<SimulatedTaskStatus, number> = {
  QUEUED: 4,
  ASSIGNED: 4,
  ACKED: 4,
  PRECOMMITTED: 4,
  COMMITTED: 4,
  ENDED: 80,
};

/** Chance that an individual miner misses a phase it was due for. */
const MISS_CHANCE = 0.07;

/** Chance that an ended task with two or more committers drops one of them from its final list. */
const DROP_CHANCE = 0.25;

/**
 * Draws the fate of one task: which phase it stops at and which miners miss which phase.
 * An ENDED task may end (forced) without any commit when every miner missed. Drops are drawn
 * separately, by {@link planDrops}.
 */
export function planTask(
  random: SeededRandom,
  sessionMiners: readonly Address[],
  redundant: number,
): TaskPlan {
  const stopAt = random.weighted(STOP_WEIGHTS);
  const reaches = (status: SimulatedTaskStatus) => rank(stopAt) >= rank(status);
  // Unfinished tasks keep one miner in every phase they reach, so their status is exactly stopAt.
  const mustHave = (status: SimulatedTaskStatus) => reaches(status) && stopAt !== "ENDED";

  const assigned = reaches("ASSIGNED") ? random.sample(sessionMiners, redundant) : [];
  const ackers = reaches("ACKED") ? survivors(random, assigned, mustHave("ACKED")) : [];
  const precommitters = reaches("PRECOMMITTED")
    ? survivors(random, ackers, mustHave("PRECOMMITTED"))
    : [];
  const committers = reaches("COMMITTED")
    ? survivors(random, precommitters, mustHave("COMMITTED"))
    : [];
  return {
    stopAt,
    assigned,
    ackers,
    precommitters,
    committers,
    dropped: [],
    emitAllPrecommitted: random.chance(0.85),
    emitAllCommitted: random.chance(0.85),
  };
}

/**
 * Sets which committers an ENDED task leaves out of its final miner list: now and then one of
 * two or more. Separate from {@link planTask} so that it draws from another random stream.
 */
export function planDrops(random: SeededRandom, plan: TaskPlan): void {
  const { stopAt, committers } = plan;
  if (stopAt === "ENDED" && committers.length >= 2 && random.chance(DROP_CHANCE)) {
    plan.dropped = [random.pick(committers)];
  }
}

/** Miners of the previous phase that do not miss this one; keeps one if `keepOne` and all missed. */
function survivors(random: SeededRandom, miners: Address[], keepOne: boolean): Address[] {
  const kept = miners.filter(() => !random.chance(MISS_CHANCE));
  const [first] = miners;
  return kept.length === 0 && keepOne && first ? [first] : kept;
}

function rank(status: SimulatedTaskStatus): number {
  return SIMULATED_TASK_STATUSES.indexOf(status);
}
