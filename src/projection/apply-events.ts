import type { ContractKind } from "../../abis/index.ts";
import type { ProjectedLog } from "../decode/decode-log.ts";
import { cognitiveHandlers } from "./handlers/cognitive-handlers.ts";
import { ownershipTransferred } from "./handlers/contract-setting.ts";
import { createEventContext, type EventHandler } from "./handlers/event-context.ts";
import {
  cognitiveLevelHandlers,
  nodePoolHandlers,
  nodeReputationHandlers,
  nodeStatsHandlers,
  nodeVersionHandlers,
} from "./handlers/node-handlers.ts";
import { sessionQueueHandlers } from "./handlers/session-queue-handlers.ts";
import { sessionV2Handlers } from "./handlers/session-v2-handlers.ts";
import type { ProjectionState } from "./projection-state.ts";
import { validationHandlers } from "./validation-mapping.ts";

/** Every event of every ABI in abis/ has a handler here (checked by test/projection). */
export const EVENT_HANDLERS: Record<ContractKind, Record<string, EventHandler>> = {
  SessionV2: { ...sessionV2Handlers, OwnershipTransferred: ownershipTransferred },
  SessionQueueV2: { ...sessionQueueHandlers, OwnershipTransferred: ownershipTransferred },
  NodePool: nodePoolHandlers,
  NodeReputation: nodeReputationHandlers,
  NodeStats: nodeStatsHandlers,
  NodeVersion: nodeVersionHandlers,
  CognitiveV1: cognitiveHandlers,
  CognitiveLevel: cognitiveLevelHandlers,
  SessionQueueValidation: validationHandlers,
};

/**
 * Applies decoded events, in chain order, to the batch state. Pure: the state must already hold
 * the rows the events touch (see state-keys.ts); undecoded logs change nothing.
 */
export function applyEvents(state: ProjectionState, logs: readonly ProjectedLog[]): void {
  for (const log of logs) {
    if (!log.eventName || !log.args) continue;
    EVENT_HANDLERS[log.contractKind]?.[log.eventName]?.(createEventContext(state, log));
  }
}
