import { keyOf } from "../keyed-rows.ts";
import type { EventHandler } from "./event-context.ts";
import { sessionRow, taskRow } from "./rows.ts";

const routerChange =
  (state: "ACTIVE" | "REMOVED", withInfo: boolean): EventHandler =>
  (ctx) => {
    const routerAddress = ctx.text("routerAddress");
    const key = keyOf(ctx.chainId, ctx.contract, routerAddress);
    const existing = ctx.state.routers.get(key);
    ctx.state.routers.put({
      chainId: ctx.chainId,
      contractAddress: ctx.contract,
      routerAddress,
      routerInfo: withInfo ? ctx.text("routerInfo") : (existing?.routerInfo ?? null),
      state,
      addedBlock: existing?.addedBlock ?? (state === "ACTIVE" ? ctx.block : null),
      updatedBlock: ctx.block,
    });
  };

const dedicatedNodeChange =
  (state: "ACTIVE" | "REMOVED"): EventHandler =>
  (ctx) => {
    const nodeAddress = ctx.text("nodeAddress");
    const existing = ctx.state.dedicatedNodes.get(keyOf(ctx.chainId, ctx.contract, nodeAddress));
    ctx.state.dedicatedNodes.put({
      chainId: ctx.chainId,
      contractAddress: ctx.contract,
      nodeAddress,
      state,
      addedBlock: existing?.addedBlock ?? (state === "ACTIVE" ? ctx.block : null),
      updatedBlock: ctx.block,
    });
  };

const balanceChange =
  (column: "deposited" | "withdrawn"): EventHandler =>
  (ctx) => {
    const session = sessionRow(ctx, ctx.num("sessionId"));
    session[column] = (BigInt(session[column]) + BigInt(ctx.num("amount"))).toString();
    ctx.state.sessions.put(session);
  };

/** SessionV2, every generation: sessions, their routers, nodes, balances and submitted tasks. */
export const sessionV2Handlers: Record<string, EventHandler> = {
  SessionCreated(ctx) {
    const session = sessionRow(ctx, ctx.num("sessionId"));
    session.sid ??= ctx.text("sid");
    session.owner ??= ctx.text("owner");
    session.miners ??= ctx.list("miners");
    session.createdBlock ??= ctx.block;
    session.createdAt ??= ctx.timestamp;
    session.createdTx ??= ctx.log.txHash.toLowerCase();
    ctx.state.sessions.put(session);
  },
  SessionUpdated(ctx) {
    const session = sessionRow(ctx, ctx.num("sessionId"));
    session.minNumOfNodes = ctx.num("minNumOfNodes");
    session.maxNumOfNodes = ctx.num("maxNumOfNodes");
    session.redundant = ctx.num("redundant");
    session.updatedBlock = ctx.block;
    ctx.state.sessions.put(session);
  },
  SessionDeactivated(ctx) {
    const session = sessionRow(ctx, ctx.num("sessionId"));
    session.state = "DEACTIVATED";
    session.deactivatedBlock ??= ctx.block;
    ctx.state.sessions.put(session);
  },
  AllRoutersRemoved(ctx) {
    const session = sessionRow(ctx, ctx.num("sessionId"));
    session.routersClearedBlock = ctx.block;
    ctx.state.sessions.put(session);
  },
  DepositToSession: balanceChange("deposited"),
  WithdrawFromSession: balanceChange("withdrawn"),
  RouterAdded: routerChange("ACTIVE", true),
  RouterUpdated: routerChange("ACTIVE", true),
  RouterRemoved: routerChange("REMOVED", false),
  DedicatedNodeAdded: dedicatedNodeChange("ACTIVE"),
  DedicatedNodeRemoved: dedicatedNodeChange("REMOVED"),
  NewNodeAssignedToSession(ctx) {
    ctx.list("nodeAddresses").forEach((nodeAddress, position) => {
      ctx.state.sessionNodeChanges.push({
        chainId: ctx.chainId,
        blockNumber: ctx.block,
        logIndex: ctx.log.logIndex,
        position,
        sessionId: ctx.num("sessionId"),
        change: "ASSIGNED",
        nodeAddress,
        nodeId: null,
        assignmentType: ctx.num("assignmentType"),
        newNodeCount: ctx.num("newNodeCount"),
      });
    });
  },
  NodeReleased(ctx) {
    ctx.state.sessionNodeChanges.push({
      chainId: ctx.chainId,
      blockNumber: ctx.block,
      logIndex: ctx.log.logIndex,
      position: 0,
      sessionId: ctx.num("sessionId"),
      change: "RELEASED",
      nodeAddress: null,
      nodeId: ctx.text("nodeId"),
      assignmentType: null,
      newNodeCount: null,
    });
  },
  TaskSubmitted(ctx) {
    const task = taskRow(ctx, ctx.num("sessionId"), ctx.num("taskId"));
    task.taskData ??= ctx.text("taskData");
    task.clientReference ??= ctx.text("clientReference");
    task.submittedBlock ??= ctx.block;
    task.submittedAt ??= ctx.timestamp;
    ctx.state.tasks.put(task);
  },
  TaskAssigned(ctx) {
    const task = taskRow(ctx, ctx.num("sessionId"), ctx.num("taskId"));
    // Status follows the queue's TaskAssigned(address[]); this one only names the node ids.
    task.nodeIds = ctx.list("nodeIds");
    ctx.state.tasks.put(task);
  },
};
