import type { Address } from "viem";
import { nodeIdOf } from "./addresses.ts";
import { poolCall, setEphemeralState } from "./pool-actions.ts";
import type { SimulatedSession, SimulationContext } from "./simulation-context.ts";

/** One-time pool setup: every miner joins the pool, turns ephemeral and reports its mode. */
export async function registerMiners(ctx: SimulationContext): Promise<void> {
  for (const miner of ctx.actors.miners) {
    await poolCall(ctx, "add", miner);
    await poolCall(ctx, "ephemeral", miner);
    await setEphemeralState(ctx, miner);
    await ctx.contracts.pool.send(miner, "setSelfReportedModeByNode", [ctx.random.int(1, 3)], {
      events: [],
    });
  }
}

/**
 * Creates `count` sessions for random owners. Half list their miners in `SessionCreated`, the
 * other half get them through `NewNodeAssignedToSession`; some get a router or a dedicated node.
 */
export async function createSessions(
  ctx: SimulationContext,
  count: number,
): Promise<SimulatedSession[]> {
  const { random, truth, chainId } = ctx;
  const { session: sessionContract } = ctx.contracts;
  const created: SimulatedSession[] = [];
  for (let i = 0; i < count; i++) {
    const redundant = random.int(1, 3);
    const maxNumOfNodes = redundant + random.int(0, 2);
    const session: SimulatedSession = {
      id: ctx.nextSessionId++,
      owner: random.pick(ctx.actors.owners),
      miners: random.sample(ctx.actors.miners, maxNumOfNodes),
      minNumOfNodes: random.int(1, redundant),
      maxNumOfNodes,
      redundant,
      routers: [],
      dedicatedNodes: [],
      nextTaskId: 0n,
    };
    const { id, owner, miners } = session;
    const params = { minNumOfNodes: session.minNumOfNodes, maxNumOfNodes, redundant };
    const listedAtCreation = random.chance(0.5) ? miners : [];
    await sessionContract.send(
      owner,
      "create",
      [
        `devnet-session-${id}`,
        JSON.stringify({ chainId, purpose: random.pick(["chat", "summarise", "classify"]) }),
        BigInt(params.minNumOfNodes),
        BigInt(params.maxNumOfNodes),
        BigInt(redundant),
        listedAtCreation,
      ],
      {
        events: ["SessionCreated"],
        sessionId: id,
        onConfirmed: () => truth.recordSession(id, owner, params, listedAtCreation),
      },
    );
    if (listedAtCreation.length === 0) {
      await sessionContract.send(ctx.actors.oracle, "assignNodes", [id, miners, 1n], {
        events: ["NewNodeAssignedToSession"],
        sessionId: id,
        onConfirmed: () => truth.addSessionMiners(id, miners),
      });
    }
    if (random.chance(0.4)) await addRouter(ctx, session);
    if (random.chance(0.25)) await addDedicatedNode(ctx, session);
    ctx.sessions.set(id, session);
    created.push(session);
  }
  return created;
}

/** Random owner-side changes to active sessions: updates, router churn, deactivation. */
export async function maintainSessions(ctx: SimulationContext): Promise<void> {
  const { random } = ctx;
  for (const session of activeSessions(ctx)) {
    if (random.chance(0.15)) await updateSession(ctx, session);
    await churnRouters(ctx, session);
    if (session.dedicatedNodes.length > 0 && random.chance(0.2)) {
      await removeDedicatedNode(ctx, session);
    }
    if (random.chance(0.08)) await deactivateSession(ctx, session);
  }
}

/** Node-pool housekeeping: mode resets, ephemeral refreshes and spare nodes joining or leaving. */
export async function maintainPool(ctx: SimulationContext, round: number): Promise<void> {
  const { random } = ctx;
  const { oracle, miners, spareNodes } = ctx.actors;
  if (random.chance(0.3)) await poolCall(ctx, "resetModeByNode", random.pick(miners));
  if (round % 5 === 4) {
    await ctx.contracts.pool.send(oracle, "forceResetModeAll", [], {
      events: ["NodePoolForceModeResetAll"],
    });
  }
  if (random.chance(0.3)) await setEphemeralState(ctx, random.pick(miners));
  for (const node of spareNodes) {
    if (!random.chance(0.5)) continue;
    if (ctx.pooledSpareNodes.delete(node)) {
      await poolCall(ctx, "remove", node);
    } else {
      ctx.pooledSpareNodes.add(node);
      await poolCall(ctx, "add", node);
      await poolCall(ctx, "ephemeral", node);
    }
  }
}

/** Active sessions, oldest first. */
export function activeSessions(ctx: SimulationContext): SimulatedSession[] {
  return [...ctx.sessions.values()];
}

async function updateSession(ctx: SimulationContext, session: SimulatedSession): Promise<void> {
  const { random, truth } = ctx;
  const maxNumOfNodes = session.miners.length;
  const redundant = random.int(1, Math.min(3, maxNumOfNodes));
  const params = { minNumOfNodes: random.int(1, redundant), maxNumOfNodes, redundant };
  Object.assign(session, params);
  await ctx.contracts.session.send(
    session.owner,
    "update",
    [session.id, BigInt(params.minNumOfNodes), BigInt(maxNumOfNodes), BigInt(redundant)],
    {
      events: ["SessionUpdated"],
      sessionId: session.id,
      onConfirmed: () => truth.updateSession(session.id, params),
    },
  );
}

async function churnRouters(ctx: SimulationContext, session: SimulatedSession): Promise<void> {
  const { random } = ctx;
  const { session: sessionContract } = ctx.contracts;
  const options = { sessionId: session.id };
  if (session.routers.length > 0 && random.chance(0.05)) {
    await sessionContract.send(session.owner, "resetAllRouters", [session.id], {
      ...options,
      events: ["AllRoutersRemoved"],
    });
    session.routers = [];
    return;
  }
  for (const router of [...session.routers]) {
    if (random.chance(0.2)) {
      await sessionContract.send(
        session.owner,
        "updateRouter",
        [session.id, router, routerInfo(ctx, router)],
        { ...options, events: ["RouterUpdated"] },
      );
    } else if (random.chance(0.1)) {
      await sessionContract.send(session.owner, "removeRouter", [session.id, router], {
        ...options,
        events: ["RouterRemoved"],
      });
      session.routers = session.routers.filter((candidate) => candidate !== router);
    }
  }
  if (random.chance(0.1)) await addRouter(ctx, session);
}

async function addRouter(ctx: SimulationContext, session: SimulatedSession): Promise<void> {
  const router = randomAddress(ctx);
  await ctx.contracts.session.send(
    session.owner,
    "addRouter",
    [session.id, router, routerInfo(ctx, router)],
    { events: ["RouterAdded"], sessionId: session.id },
  );
  session.routers.push(router);
}

async function addDedicatedNode(ctx: SimulationContext, session: SimulatedSession): Promise<void> {
  const candidates = session.miners.filter((miner) => !session.dedicatedNodes.includes(miner));
  if (candidates.length === 0) return;
  const node = ctx.random.pick(candidates);
  await ctx.contracts.session.send(session.owner, "addDedicatedNode", [session.id, node], {
    events: ["DedicatedNodeAdded"],
    sessionId: session.id,
  });
  session.dedicatedNodes.push(node);
}

async function removeDedicatedNode(
  ctx: SimulationContext,
  session: SimulatedSession,
): Promise<void> {
  const node = session.dedicatedNodes.shift();
  if (!node) return;
  await ctx.contracts.session.send(session.owner, "removeDedicatedNode", [session.id, node], {
    events: ["DedicatedNodeRemoved"],
    sessionId: session.id,
  });
}

/** Deactivates the session, then the oracle releases its nodes (`SessionV2.NodeReleased`). */
async function deactivateSession(ctx: SimulationContext, session: SimulatedSession): Promise<void> {
  const sessionId = session.id;
  ctx.sessions.delete(sessionId);
  await ctx.contracts.session.send(session.owner, "deactivateSession", [sessionId], {
    events: ["SessionDeactivated"],
    sessionId,
    onConfirmed: () => ctx.truth.deactivateSession(sessionId),
  });
  for (const miner of session.miners) {
    await ctx.contracts.session.send(
      ctx.actors.oracle,
      "releaseNode",
      [nodeIdOf(miner), sessionId],
      {
        events: ["NodeReleased"],
        sessionId,
      },
    );
  }
}

function routerInfo(ctx: SimulationContext, router: Address): string {
  const port = ctx.random.int(5000, 5999);
  return JSON.stringify({ endpoint: `http://router-${router.slice(2, 8)}.devnet.local:${port}` });
}

function randomAddress(ctx: SimulationContext): Address {
  const hex = Array.from({ length: 40 }, () => ctx.random.int(0, 15).toString(16)).join("");
  return `0x${hex}`;
}
