import type { Address } from "viem";
import { COGNITIVE_LEVELS } from "./node-model.ts";
import type { SimulationContext } from "./simulation-context.ts";

/** Level requirements the simulator sets for `level` (`LevelRequirementsUpdated`). */
function requirementsOf(level: number, strictness: number): readonly [number, bigint, bigint] {
  return [level, BigInt(level * 2 + strictness), BigInt(50 + level * 8 + strictness)];
}

/**
 * One-time CognitiveLevel setup by the oracle: the requirements of every level above the minimum,
 * and half of the miners registered at a random starting level.
 */
export async function configureLevels(ctx: SimulationContext): Promise<void> {
  for (let level = COGNITIVE_LEVELS.min + 1; level <= COGNITIVE_LEVELS.max; level++) {
    await setRequirements(ctx, level, 0);
  }
  const { miners } = ctx.actors;
  for (const miner of ctx.networkRandom.sample(miners, Math.ceil(miners.length / 2))) {
    await register(ctx, miner, true);
  }
}

/**
 * Per round: maybe one more miner registers (itself or by the oracle), a few levels change
 * (upgrade, downgrade or set by hand) and, rarely, a level's requirements change.
 */
export async function maintainLevels(ctx: SimulationContext): Promise<void> {
  const random = ctx.networkRandom;
  const { miners } = ctx.actors;
  const unregistered = miners.filter((miner) => ctx.nodes.level(miner) === undefined);
  if (unregistered.length > 0 && random.chance(0.6)) {
    await register(ctx, random.pick(unregistered), random.chance(0.5));
  }
  const registered = miners.filter((miner) => ctx.nodes.level(miner) !== undefined);
  if (registered.length === 0) return;
  for (const miner of random.sample(registered, random.int(0, 2))) {
    const level = ctx.nodes.level(miner) ?? COGNITIVE_LEVELS.min;
    const up =
      level === COGNITIVE_LEVELS.min || (level < COGNITIVE_LEVELS.max && random.chance(0.6));
    await changeLevel(ctx, miner, up ? level + 1 : level - 1, up ? "upgrade" : "downgrade");
  }
  if (random.chance(0.1)) {
    const level = random.int(COGNITIVE_LEVELS.min, COGNITIVE_LEVELS.max);
    await changeLevel(ctx, random.pick(registered), level, "manual review");
  }
  if (random.chance(0.05)) {
    await setRequirements(ctx, random.int(COGNITIVE_LEVELS.min + 1, COGNITIVE_LEVELS.max), 1);
  }
}

/** The oracle, as cognitive module, reports a network task of a registered miner. */
export async function reportCognitiveTask(
  ctx: SimulationContext,
  miner: Address,
  success: boolean,
): Promise<void> {
  if (ctx.nodes.level(miner) === undefined) return;
  const report = ctx.nodes.report(miner, success);
  const tokenCount = BigInt(ctx.networkRandom.int(64, 2048));
  await ctx.contracts.level.send(
    ctx.actors.oracle,
    "reportTaskCompletion",
    [miner, report.level, success, tokenCount],
    {
      events: ["TaskReported", "NodeMetricsUpdated", "ConsecutiveSuccessUpdated"],
      onConfirmed: () => ctx.truth.nodes.recordCognitiveReport(miner, report),
    },
  );
}

async function register(ctx: SimulationContext, miner: Address, byOracle: boolean): Promise<void> {
  const level = byOracle ? ctx.networkRandom.int(COGNITIVE_LEVELS.min, 2) : COGNITIVE_LEVELS.min;
  ctx.nodes.setLevel(miner, level);
  const options = {
    events: ["NodeRegistered"] as const,
    onConfirmed: () => ctx.truth.nodes.recordLevel(miner, level),
  };
  if (byOracle) {
    await ctx.contracts.level.send(ctx.actors.oracle, "registerNode", [miner, level], options);
  } else {
    await ctx.contracts.level.send(miner, "register", [], options);
  }
}

async function changeLevel(
  ctx: SimulationContext,
  miner: Address,
  level: number,
  reason: "upgrade" | "downgrade" | "manual review",
): Promise<void> {
  ctx.nodes.setLevel(miner, level);
  const { level: contract } = ctx.contracts;
  const { oracle } = ctx.actors;
  const options = {
    events: ["NodeLevelChanged"] as const,
    onConfirmed: () => ctx.truth.nodes.recordLevel(miner, level),
  };
  if (reason === "upgrade") await contract.send(oracle, "upgradeNodeLevel", [miner], options);
  else if (reason === "downgrade")
    await contract.send(oracle, "downgradeNodeLevel", [miner], options);
  else await contract.send(oracle, "setNodeLevel", [miner, level, reason], options);
}

async function setRequirements(ctx: SimulationContext, level: number, strictness: number) {
  await ctx.contracts.level.send(
    ctx.actors.oracle,
    "setLevelRequirements",
    requirementsOf(level, strictness),
    { events: ["LevelRequirementsUpdated"] },
  );
}
