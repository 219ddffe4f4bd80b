import { nodeIdOf } from "./addresses.ts";
import { configureLevels } from "./level-activity.ts";
import { NODE_STATS_SETTINGS } from "./node-model.ts";
import { registerMiners } from "./session-activity.ts";
import type { SimulationContext } from "./simulation-context.ts";

/** NodeVersion history length the simulator sets at start (`MaxVersionsPerNodeUpdated`). */
const MAX_VERSIONS_PER_NODE = 5n;

/** Chance that a miner pings NodeStats in one wave. */
const PING_CHANCE = 0.12;

/** Chance per round that a miner reports an upgraded version. */
const VERSION_UPGRADE_CHANCE = 0.1;

/**
 * One-time setup before the first round: miners join the pool, the node contracts get their
 * settings, half the miners register in CognitiveLevel and every miner reports its version.
 */
export async function setUpNetwork(ctx: SimulationContext): Promise<void> {
  await registerMiners(ctx);
  await configureNodeContracts(ctx);
  await configureLevels(ctx);
  await reportVersions(ctx, 1);
}

/**
 * One-time settings of the node contracts, sent by the oracle before any traffic: the NodeStats
 * thresholds (no event) and NodeVersion's history length.
 */
async function configureNodeContracts(ctx: SimulationContext): Promise<void> {
  const { stats, version } = ctx.contracts;
  const { oracle } = ctx.actors;
  const { globalPingThreshold, activityThreshold } = NODE_STATS_SETTINGS;
  await stats.send(oracle, "setGlobalPingThreshold", [BigInt(globalPingThreshold)], { events: [] });
  await stats.send(oracle, "setActivityThreshold", [BigInt(activityThreshold)], { events: [] });
  await version.send(oracle, "setMaxVersionsPerNode", [MAX_VERSIONS_PER_NODE], {
    events: ["MaxVersionsPerNodeUpdated"],
  });
}

/** Some miners ping NodeStats (`NodePinged`, now and then `GlobalPingThresholdReached`). */
export async function pingNodes(ctx: SimulationContext): Promise<void> {
  for (const miner of ctx.actors.miners) {
    if (!ctx.networkRandom.chance(PING_CHANCE)) continue;
    const { pingCounter, thresholdReached } = ctx.nodes.ping(miner);
    await ctx.contracts.stats.send(miner, "ping", [], {
      events: thresholdReached ? ["NodePinged", "GlobalPingThresholdReached"] : ["NodePinged"],
      onConfirmed: () => ctx.truth.nodes.recordPing(miner, pingCounter),
    });
  }
}

/** The oracle refreshes a few NodeStats levels from the pings and, rarely, resets a node. */
export async function maintainNodeStats(ctx: SimulationContext): Promise<void> {
  const random = ctx.networkRandom;
  const { stats } = ctx.contracts;
  const { oracle, miners } = ctx.actors;
  for (const miner of random.sample(miners, random.int(0, 3))) {
    const level = ctx.nodes.statsLevel(miner);
    await stats.send(oracle, "updateNodeActivity", [nodeIdOf(miner)], {
      events: ["NodeLevelUpdated"],
      onConfirmed: () => ctx.truth.nodes.recordStatsLevel(miner, level),
    });
  }
  if (random.chance(0.15)) {
    const miner = random.pick(miners);
    ctx.nodes.resetStats(miner);
    await stats.send(oracle, "checkAndResetNode", [nodeIdOf(miner)], {
      events: ["NodeReset"],
      onConfirmed: () => ctx.truth.nodes.recordStatsReset(miner),
    });
  }
}

/**
 * Each miner reports its version to NodeVersion with probability `chance`: its first version, or
 * an upgrade. Rarely the oracle changes the history length.
 */
export async function reportVersions(
  ctx: SimulationContext,
  chance = VERSION_UPGRADE_CHANCE,
): Promise<void> {
  for (const miner of ctx.actors.miners) {
    if (!ctx.networkRandom.chance(chance)) continue;
    const version = ctx.nodes.nextVersion(miner, ctx.networkRandom.int(0, 2));
    if (!version) continue;
    await ctx.contracts.version.send(miner, "report", [version], {
      events: ["VersionReported"],
      onConfirmed: () => ctx.truth.nodes.recordVersion(miner, version),
    });
  }
  if (ctx.networkRandom.chance(0.05)) {
    const max = BigInt(ctx.networkRandom.int(3, 10));
    await ctx.contracts.version.send(ctx.actors.oracle, "setMaxVersionsPerNode", [max], {
      events: ["MaxVersionsPerNodeUpdated"],
    });
  }
}
