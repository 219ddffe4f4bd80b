import type { Address } from "viem";
import { nodeIdOf } from "./addresses.ts";
import type { PoolState } from "./ground-truth.ts";
import type { SimulationContext } from "./simulation-context.ts";

/** The oracle's NodePool calls that name one node: the event each emits and the state it sets. */
const POOL_CALLS = {
  add: { event: "NodeAdded", state: "ADDED" },
  remove: { event: "NodeRemoved", state: "REMOVED" },
  ephemeral: { event: "NodeEphemeral", state: "EPHEMERAL" },
  reserve: { event: "NodeReserved", state: "RESERVED" },
  release: { event: "NodeReleased", state: "RELEASED" },
  resetModeByNode: { event: "NodePoolModeReset", state: "RESET" },
  setLastExecutionTimestampByNode: { event: "LastExecutionTimestampSet", state: undefined },
} as const satisfies Record<string, { event: string; state: PoolState | undefined }>;

/** Sends a NodePool call for `node` as the oracle and records the node's new pool state. */
export async function poolCall(
  ctx: SimulationContext,
  fn: keyof typeof POOL_CALLS,
  node: Address,
): Promise<void> {
  const { event, state } = POOL_CALLS[fn];
  await ctx.contracts.pool.send(ctx.actors.oracle, fn, [node], {
    events: [event],
    onConfirmed: () => {
      if (state) ctx.truth.nodes.recordPoolState(node, state);
    },
  });
}

/** NodeReputation `record(nodeId, state, success)` for a node, as the oracle. */
export async function recordReputation(
  ctx: SimulationContext,
  node: Address,
  state: string,
  success: boolean,
): Promise<void> {
  await ctx.contracts.reputation.send(
    ctx.actors.oracle,
    "record",
    [nodeIdOf(node), state, success],
    {
      events: ["StateRecorded"],
      onConfirmed: () => ctx.truth.nodes.recordReputation(node, success ? "success" : "failure"),
    },
  );
}

/** NodeReputation `setEphemeralState(nodeId)` for a node, as the oracle. */
export async function setEphemeralState(ctx: SimulationContext, node: Address): Promise<void> {
  await ctx.contracts.reputation.send(ctx.actors.oracle, "setEphemeralState", [nodeIdOf(node)], {
    events: ["EphemeralStateSet"],
    onConfirmed: () => ctx.truth.nodes.recordReputation(node, "ephemeral"),
  });
}
