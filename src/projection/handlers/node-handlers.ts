import { keyOf } from "../keyed-rows.ts";
import { contractSetting, ownershipTransferred } from "./contract-setting.ts";
import type { EventContext, EventHandler } from "./event-context.ts";
import { touchNode } from "./rows.ts";

/** A NodePool event: typed history row, and the node's pool state when it names a node. */
const poolEvent =
  (poolState: string | null): EventHandler =>
  (ctx) => {
    const args = ctx.log.args ?? {};
    const address = "nodeAddress" in args ? ctx.text("nodeAddress") : null;
    ctx.state.nodePoolEvents.push({
      chainId: ctx.chainId,
      blockNumber: ctx.block,
      logIndex: ctx.log.logIndex,
      event: ctx.log.eventName ?? "",
      nodeId: "nodeId" in args ? ctx.text("nodeId") : null,
      address,
      timestamp: "timestamp" in args ? ctx.num("timestamp") : null,
      mode: "mode" in args ? ctx.num("mode") : null,
    });
    if (!address) return;
    const node = touchNode(ctx, address);
    node.nodeId = ctx.text("nodeId");
    if (poolState) {
      node.poolState = poolState;
      node.poolUpdatedBlock = ctx.block;
    } else {
      node.lastExecutionAt = BigInt(ctx.num("timestamp"));
    }
    ctx.state.nodes.put(node);
  };

export const nodePoolHandlers: Record<string, EventHandler> = {
  NodeAdded: poolEvent("ADDED"),
  NodeRemoved: poolEvent("REMOVED"),
  NodeEphemeral: poolEvent("EPHEMERAL"),
  NodeReserved: poolEvent("RESERVED"),
  NodeReleased: poolEvent("RELEASED"),
  NodePoolModeReset: poolEvent("RESET"),
  LastExecutionTimestampSet: poolEvent(null),
  NodePoolForceModeResetAll: poolEvent(null),
  OwnershipTransferred: ownershipTransferred,
};

const reputationRecord =
  (
    state: (ctx: EventContext) => string,
    success: (ctx: EventContext) => boolean | null,
  ): EventHandler =>
  (ctx) => {
    ctx.state.nodeReputationRecords.push({
      chainId: ctx.chainId,
      blockNumber: ctx.block,
      logIndex: ctx.log.logIndex,
      nodeId: ctx.text("node"),
      state: state(ctx),
      success: success(ctx),
      timestamp: ctx.num("timestamp"),
    });
  };

export const nodeReputationHandlers: Record<string, EventHandler> = {
  StateRecorded: reputationRecord(
    (ctx) => ctx.text("state"),
    (ctx) => ctx.bool("success"),
  ),
  EphemeralStateSet: reputationRecord(
    () => "EPHEMERAL",
    () => null,
  ),
  EphemeralStateWindowUpdated: contractSetting("ephemeralStateWindow", ["newWindow"]),
  MaxTimestampsPerStateUpdated: contractSetting("maxTimestampsPerState", [
    "newSuccessThreshold",
    "newAllThreshold",
  ]),
  OwnershipTransferred: ownershipTransferred,
};

function statsRow(ctx: EventContext, nodeId: string) {
  const existing = ctx.state.nodeStats.get(keyOf(ctx.chainId, nodeId));
  return existing
    ? { ...existing, updatedBlock: ctx.block }
    : {
        chainId: ctx.chainId,
        nodeId,
        address: null,
        pingCounter: null,
        lastPingBlock: null,
        level: null,
        resets: 0,
        updatedBlock: ctx.block,
      };
}

export const nodeStatsHandlers: Record<string, EventHandler> = {
  NodePinged(ctx) {
    const stats = statsRow(ctx, ctx.text("nodeId"));
    stats.address = ctx.text("miner");
    stats.pingCounter = ctx.num("pingCounter");
    stats.lastPingBlock = ctx.block;
    ctx.state.nodeStats.put(stats);
    const node = touchNode(ctx, ctx.text("miner"));
    node.nodeId ??= ctx.text("nodeId");
    ctx.state.nodes.put(node);
  },
  NodeLevelUpdated(ctx) {
    const stats = statsRow(ctx, ctx.text("node"));
    stats.level = ctx.num("newLevel");
    ctx.state.nodeStats.put(stats);
  },
  NodeReset(ctx) {
    const stats = statsRow(ctx, ctx.text("node"));
    // A reset clears the activity level; the lifetime ping counter stays.
    stats.level = "0";
    stats.resets += 1;
    ctx.state.nodeStats.put(stats);
  },
  GlobalPingThresholdReached: contractSetting("globalPingCounter", ["globalPingCounter"]),
  OwnershipTransferred: ownershipTransferred,
};

export const nodeVersionHandlers: Record<string, EventHandler> = {
  VersionReported(ctx) {
    const node = touchNode(ctx, ctx.text("node"));
    node.version = ctx.text("version");
    ctx.state.nodes.put(node);
  },
  MaxVersionsPerNodeUpdated: contractSetting("maxVersionsPerNode", ["newMax"]),
  OwnershipTransferred: ownershipTransferred,
};

/** CognitiveLevel: the node's level and network-task metrics, keyed by address. */
export const cognitiveLevelHandlers: Record<string, EventHandler> = {
  NodeRegistered(ctx) {
    const node = touchNode(ctx, ctx.text("node"));
    node.level ??= Number(ctx.num("initialLevel"));
    node.levelUpdatedBlock ??= ctx.block;
    ctx.state.nodes.put(node);
  },
  NodeLevelChanged(ctx) {
    const node = touchNode(ctx, ctx.text("node"));
    node.level = Number(ctx.num("newLevel"));
    node.levelUpdatedBlock = ctx.block;
    ctx.state.nodes.put(node);
  },
  ConsecutiveSuccessUpdated(ctx) {
    const node = touchNode(ctx, ctx.text("node"));
    node.consecutiveSuccess = ctx.num("consecutiveCount");
    ctx.state.nodes.put(node);
  },
  NodeMetricsUpdated(ctx) {
    const node = touchNode(ctx, ctx.text("node"));
    node.cognitiveTasksCompleted = ctx.num("totalTasksCompleted");
    node.cognitiveTasksSucceeded = ctx.num("successfulTasks");
    node.cognitiveTasksFailed = ctx.num("failedTasks");
    ctx.state.nodes.put(node);
  },
  TaskReported(ctx) {
    const node = touchNode(ctx, ctx.text("node"));
    node.reportedTaskCount = ctx.num("taskCount");
    node.reportedSuccessCount = ctx.num("successCount");
    ctx.state.nodes.put(node);
  },
  LevelRequirementsUpdated(ctx) {
    contractSetting(`levelRequirements.${ctx.num("level")}`, [
      "minConsecutiveCount",
      "minSuccessPercentage",
    ])(ctx);
  },
  OwnershipTransferred: ownershipTransferred,
};
