import {
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  keccak256,
  toBytes,
} from "viem";
import type { devnetArtifacts } from "./contracts/artifacts.ts";
import type { CognitivePhase } from "./ground-truth.ts";
import { reportCognitiveTask } from "./level-activity.ts";
import type { SeededRandom } from "./random.ts";
import { phaseRank, type RoundChange } from "./round-truth.ts";
import type { SimulationContext } from "./simulation-context.ts";

/** The fate of one CognitiveV1 round, drawn up front (see the contract's state machine). */
export interface CognitiveRoundPlan {
  id: bigint;
  /** Furthest phase the round reaches; anything short of ENDED leaves it unfinished. */
  stopAt: CognitivePhase;
  /** Miners that ping CognitiveV1 before the request: the round's (and SessionStarted's) miners. */
  miners: Address[];
  /** The contract's first picks: the first miner creates, the second prepares. */
  creator: Address;
  preparer: Address;
  precommitters: Address[];
  /** True when the oracle closes the precommit phase (not every miner precommitted). */
  forcePrecommitEnd: boolean;
  committers: Address[];
}

/** Most rounds end; the rest stop at every phase so the indexer sees each one. */
const STOP_WEIGHTS: Record<CognitivePhase, number> = {
  REQUESTED: 3,
  REQUEST_ASSIGNED: 3,
  CREATED: 3,
  PREPARE_ASSIGNED: 3,
  PREPARED: 3,
  STARTED: 3,
  PRECOMMITTING: 4,
  ALL_PRECOMMITTED: 4,
  COMMITTING: 4,
  ALL_COMMITTED: 4,
  ENDED: 66,
};

/**
 * Draws a round of 2-4 miners. A round that stops while precommitting (committing) has a strict,
 * non-empty subset of its miners (precommitters) take part, since the last one would close the
 * phase; an ended round may have any subset precommit or commit.
 */
export function planCognitiveRound(
  random: SeededRandom,
  id: bigint,
  candidates: readonly Address[],
): CognitiveRoundPlan {
  const stopAt = random.weighted(STOP_WEIGHTS);
  const reaches = (phase: CognitivePhase) => phaseRank(stopAt) >= phaseRank(phase);
  const miners = random.sample(candidates, random.int(2, 4));
  // Committing (and stopping there) needs precommitters to commit (and one to hold back).
  const precommitNeeded = stopAt === "COMMITTING" ? 2 : stopAt === "ALL_COMMITTED" ? 1 : 0;
  let precommitters: Address[] = [];
  let forcePrecommitEnd = false;
  if (stopAt === "PRECOMMITTING") {
    precommitters = random.sample(miners, random.int(1, miners.length - 1));
  } else if (reaches("ALL_PRECOMMITTED")) {
    forcePrecommitEnd = precommitNeeded < miners.length && random.chance(0.4);
    const count = forcePrecommitEnd
      ? random.int(precommitNeeded, miners.length - 1)
      : miners.length;
    precommitters = random.sample(miners, count);
  }
  let committers: Address[] = [];
  if (stopAt === "COMMITTING") {
    committers = random.sample(precommitters, random.int(1, precommitters.length - 1));
  } else if (stopAt === "ALL_COMMITTED" || (stopAt === "ENDED" && random.chance(0.7))) {
    committers = [...precommitters];
  } else if (stopAt === "ENDED") {
    committers = random.sample(precommitters, random.int(0, Math.max(0, precommitters.length - 1)));
  }
  const [creator, preparer] = miners as [Address, Address];
  return { id, stopAt, miners, creator, preparer, precommitters, forcePrecommitEnd, committers };
}

type RoundStep = (ctx: SimulationContext, plan: CognitiveRoundPlan) => Promise<void>;

/**
 * A round's phases, one per wave, so that they interleave with the user tasks and each phase has
 * its own block timestamp. A step does nothing once the round went as far as its plan says.
 */
export const cognitiveRoundSteps: readonly RoundStep[] = [
  requestStep,
  assignCreatorStep,
  createStep,
  assignPreparerStep,
  prepareStep,
  startStep,
  precommitStep,
  commitStep,
  endStep,
];

type CognitiveAbi = (typeof devnetArtifacts)["CognitiveV1"]["abi"];

/** Sends one CognitiveV1 call of the round and records what its events did to the round. */
async function roundCall<TName extends ContractFunctionName<CognitiveAbi, "nonpayable">>(
  ctx: SimulationContext,
  plan: CognitiveRoundPlan,
  from: Address,
  functionName: TName,
  args: ContractFunctionArgs<CognitiveAbi, "nonpayable", TName>,
  changes: RoundChange[],
): Promise<void> {
  await ctx.contracts.cognitive.send(from, functionName, args, {
    events: changes.map((change) => EVENT_OF[change.phase]),
    onConfirmed: () => {
      for (const change of changes) ctx.truth.cognitiveRounds.record(plan.id, change);
    },
  });
}

const EVENT_OF = {
  REQUESTED: "NewSessionRequest",
  REQUEST_ASSIGNED: "NewSessionRequestAssigned",
  CREATED: "SessionCreated",
  PREPARE_ASSIGNED: "SessionPrepareAssigned",
  PREPARED: "SessionPrepared",
  STARTED: "SessionStarted",
  PRECOMMITTING: "SessionPrecommitted",
  ALL_PRECOMMITTED: "SessionAllPrecommitted",
  COMMITTING: "SessionCommitted",
  ALL_COMMITTED: "SessionAllCommitted",
  ENDED: "SessionEnded",
} as const satisfies Record<CognitivePhase, string>;

async function requestStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  const { cognitive } = ctx.contracts;
  for (const miner of plan.miners) await cognitive.send(miner, "ping", [], { events: [] });
  const at = ctx.clock.now;
  await cognitive.send(ctx.actors.oracle, "request", [], {
    events: ["NewSessionRequest"],
    onConfirmed: () => ctx.truth.cognitiveRounds.recordRequested(plan.id, plan.miners, at),
  });
}

async function assignCreatorStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  if (!reaches(plan, "REQUEST_ASSIGNED")) return;
  await roundCall(
    ctx,
    plan,
    ctx.actors.oracle,
    "requestNextCreator",
    [],
    [{ phase: "REQUEST_ASSIGNED", creator: plan.creator }],
  );
}

async function createStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  if (!reaches(plan, "CREATED")) return;
  await roundCall(
    ctx,
    plan,
    plan.creator,
    "create",
    ["devnet", `round-${plan.id}`],
    [{ phase: "CREATED" }],
  );
}

async function assignPreparerStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  if (!reaches(plan, "PREPARE_ASSIGNED")) return;
  await roundCall(
    ctx,
    plan,
    ctx.actors.oracle,
    "requestNextPreparer",
    [],
    [{ phase: "PREPARE_ASSIGNED", preparer: plan.preparer }],
  );
}

async function prepareStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  if (!reaches(plan, "PREPARED")) return;
  const challenges = [`challenge ${plan.id}.1`, `challenge ${plan.id}.2`];
  const seed = BigInt(ctx.networkRandom.int(1, 1_000_000));
  await roundCall(
    ctx,
    plan,
    plan.preparer,
    "prepare",
    [plan.id, challenges, "0x", seed],
    [{ phase: "PREPARED" }],
  );
}

async function startStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  if (!reaches(plan, "STARTED")) return;
  await roundCall(
    ctx,
    plan,
    ctx.actors.oracle,
    "start",
    [plan.id],
    [{ phase: "STARTED", startedAt: ctx.clock.now }],
  );
}

/** Precommits; the last of all miners closes the phase, else the oracle closes it if planned. */
async function precommitStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  for (const [index, miner] of plan.precommitters.entries()) {
    const hash = keccak256(toBytes(completionOf(plan, miner)));
    const closes = index === plan.miners.length - 1;
    const changes: RoundChange[] = [{ phase: "PRECOMMITTING", precommitted: miner }];
    if (closes) changes.push({ phase: "ALL_PRECOMMITTED", precommitForceEnded: false });
    await roundCall(ctx, plan, miner, "precommit", [plan.id, hash, "0x", 0n], changes);
  }
  if (plan.forcePrecommitEnd) {
    await roundCall(
      ctx,
      plan,
      ctx.actors.oracle,
      "endPrecommit",
      [plan.id],
      [{ phase: "ALL_PRECOMMITTED", precommitForceEnded: true }],
    );
  }
}

/** Commits; the last of the precommitters' commits closes the phase. */
async function commitStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  for (const [index, miner] of plan.committers.entries()) {
    const changes: RoundChange[] = [{ phase: "COMMITTING", committed: miner }];
    if (index === plan.precommitters.length - 1) changes.push({ phase: "ALL_COMMITTED" });
    const completion = completionOf(plan, miner);
    await roundCall(ctx, plan, miner, "commit", [plan.id, completion, "0x", 0n], changes);
  }
}

/** Ends the round (forced unless all precommitters committed) and reports each miner's part. */
async function endStep(ctx: SimulationContext, plan: CognitiveRoundPlan): Promise<void> {
  if (!reaches(plan, "ENDED")) return;
  const allCommitted =
    plan.committers.length > 0 && plan.committers.length === plan.precommitters.length;
  await roundCall(
    ctx,
    plan,
    ctx.actors.oracle,
    "end",
    [plan.id, !allCommitted],
    [{ phase: "ENDED", endedAt: ctx.clock.now }],
  );
  for (const miner of plan.miners) {
    await reportCognitiveTask(ctx, miner, plan.committers.includes(miner));
  }
}

function reaches(plan: CognitiveRoundPlan, phase: CognitivePhase): boolean {
  return phaseRank(plan.stopAt) >= phaseRank(phase);
}

function completionOf(plan: CognitiveRoundPlan, miner: Address): string {
  return `completion of round ${plan.id} by ${miner.toLowerCase()}`;
}
