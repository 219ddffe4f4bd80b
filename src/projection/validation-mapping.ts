/**
 * The one place that knows the (provisional) SessionQueueValidation ABI's shape: swapping in the
 * real ABI means changing abis/SessionQueueValidation.provisional.ts and this file only.
 */
import type { EventHandler } from "./handlers/event-context.ts";

/** Verdicts in the order of the provisional ABI's uint8 values. */
export const VALIDATION_VERDICTS = ["VALID", "INVALID", "RETRY", "NEEDS_SPEC"] as const;

export function verdictName(value: number): string {
  return VALIDATION_VERDICTS[value] ?? `UNKNOWN_${value}`;
}

export const validationHandlers: Record<string, EventHandler> = {
  TaskValidated(ctx) {
    ctx.state.validations.push({
      chainId: ctx.chainId,
      blockNumber: ctx.block,
      logIndex: ctx.log.logIndex,
      blockTimestamp: ctx.timestamp,
      validatorSessionId: ctx.num("validatorSessionId"),
      sessionId: ctx.num("sessionId"),
      taskId: ctx.num("taskId"),
      validator: ctx.text("validator"),
      miner: ctx.text("miner"),
      verdict: verdictName(Number(ctx.num("verdict"))),
      score: ctx.num("score"),
    });
  },
};
