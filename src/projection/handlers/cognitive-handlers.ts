import { keyOf } from "../keyed-rows.ts";
import type { CognitiveRoundRow } from "../projection-state.ts";
import { ownershipTransferred } from "./contract-setting.ts";
import type { EventContext, EventHandler } from "./event-context.ts";

/** CognitiveV1 round phases in order; a round's `phase` is the furthest reached. */
export const COGNITIVE_PHASES = [
  "REQUESTED",
  "REQUEST_ASSIGNED",
  "CREATED",
  "PREPARE_ASSIGNED",
  "PREPARED",
  "STARTED",
  "PRECOMMITTING",
  "ALL_PRECOMMITTED",
  "COMMITTING",
  "ALL_COMMITTED",
  "ENDED",
] as const;
type CognitivePhase = (typeof COGNITIVE_PHASES)[number];

function roundRow(ctx: EventContext, phase: CognitivePhase): CognitiveRoundRow {
  const roundId = ctx.num("id");
  const existing = ctx.state.cognitiveRounds.get(keyOf(ctx.chainId, roundId));
  const row: CognitiveRoundRow = existing
    ? { ...existing }
    : {
        chainId: ctx.chainId,
        roundId,
        phase,
        requestedMiners: null,
        requestAssignee: null,
        creator: null,
        prepareAssignee: null,
        preparer: null,
        startMiners: null,
        startTimestamp: null,
        precommitCount: 0,
        allPrecommittedMiners: null,
        forceEnded: null,
        commitCount: 0,
        allCommittedMiners: null,
        endTimestamp: null,
        requestedBlock: null,
        requestedAt: null,
        startedBlock: null,
        startedAt: null,
        endedBlock: null,
        endedAt: null,
        updatedBlock: ctx.block,
      };
  if (COGNITIVE_PHASES.indexOf(phase) > COGNITIVE_PHASES.indexOf(row.phase as CognitivePhase)) {
    row.phase = phase;
  }
  row.updatedBlock = ctx.block;
  return row;
}

const minerStep =
  (phase: CognitivePhase, column: "precommittedBlock" | "committedBlock"): EventHandler =>
  (ctx) => {
    const round = roundRow(ctx, phase);
    const miner = ctx.text("addr");
    const key = keyOf(ctx.chainId, round.roundId, miner);
    const existing = ctx.state.cognitiveRoundMiners.get(key) ?? {
      chainId: ctx.chainId,
      roundId: round.roundId,
      miner,
      precommittedBlock: null,
      committedBlock: null,
    };
    if (existing[column] === null) {
      if (column === "precommittedBlock") round.precommitCount += 1;
      else round.commitCount += 1;
    }
    ctx.state.cognitiveRoundMiners.put({ ...existing, [column]: existing[column] ?? ctx.block });
    ctx.state.cognitiveRounds.put(round);
  };

/** CognitiveV1 network-task rounds ("sessions" in that contract's event names). */
export const cognitiveHandlers: Record<string, EventHandler> = {
  NewSessionRequest(ctx) {
    const round = roundRow(ctx, "REQUESTED");
    round.requestedMiners = ctx.list("addrs");
    round.requestedBlock ??= ctx.block;
    round.requestedAt ??= ctx.timestamp;
    ctx.state.cognitiveRounds.put(round);
  },
  NewSessionRequestAssigned(ctx) {
    const round = roundRow(ctx, "REQUEST_ASSIGNED");
    round.requestAssignee = ctx.text("addr");
    ctx.state.cognitiveRounds.put(round);
  },
  SessionCreated(ctx) {
    const round = roundRow(ctx, "CREATED");
    round.creator = ctx.text("addr");
    ctx.state.cognitiveRounds.put(round);
  },
  SessionPrepareAssigned(ctx) {
    const round = roundRow(ctx, "PREPARE_ASSIGNED");
    round.prepareAssignee = ctx.text("addr");
    ctx.state.cognitiveRounds.put(round);
  },
  SessionPrepared(ctx) {
    const round = roundRow(ctx, "PREPARED");
    round.preparer = ctx.text("addr");
    ctx.state.cognitiveRounds.put(round);
  },
  SessionStarted(ctx) {
    const round = roundRow(ctx, "STARTED");
    round.startMiners = ctx.list("addrs");
    round.startTimestamp = ctx.num("startTimestamp");
    round.startedBlock ??= ctx.block;
    round.startedAt ??= ctx.timestamp;
    ctx.state.cognitiveRounds.put(round);
  },
  SessionPrecommitted: minerStep("PRECOMMITTING", "precommittedBlock"),
  SessionAllPrecommitted(ctx) {
    const round = roundRow(ctx, "ALL_PRECOMMITTED");
    round.allPrecommittedMiners = ctx.list("addrs");
    round.forceEnded = ctx.bool("forceEnd");
    ctx.state.cognitiveRounds.put(round);
  },
  SessionCommitted: minerStep("COMMITTING", "committedBlock"),
  SessionAllCommitted(ctx) {
    const round = roundRow(ctx, "ALL_COMMITTED");
    round.allCommittedMiners = ctx.list("addrs");
    ctx.state.cognitiveRounds.put(round);
  },
  SessionEnded(ctx) {
    const round = roundRow(ctx, "ENDED");
    round.endTimestamp = ctx.num("endTimestamp");
    round.endedBlock ??= ctx.block;
    round.endedAt ??= ctx.timestamp;
    ctx.state.cognitiveRounds.put(round);
  },
  OwnershipTransferred: ownershipTransferred,
};
