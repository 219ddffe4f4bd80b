import type { Address } from "viem";
import { VERDICTS, type Verdict } from "./ground-truth.ts";
import type { SimulationContext } from "./simulation-context.ts";
import { reaching, type SimulatedTask } from "./task-waves.ts";

/** Validator session ids are `VALIDATOR_SESSION_BASE + 1 + the validator's index`. */
export const VALIDATOR_SESSION_BASE = 1_000_000n;

/** Chance that an ended task with results gets validated. */
const VALIDATION_CHANCE = 0.6;

/** Verdict odds for a miner in the final list, and for one dropped from it. */
const KEPT_VERDICTS: Record<Verdict, number> = { VALID: 14, INVALID: 2, RETRY: 2, NEEDS_SPEC: 2 };
const DROPPED_VERDICTS: Record<Verdict, number> = { VALID: 1, INVALID: 5, RETRY: 3, NEEDS_SPEC: 1 };

/** Score range of each verdict (0-100). */
const SCORES: Record<Verdict, readonly [number, number]> = {
  VALID: [70, 100],
  INVALID: [0, 40],
  RETRY: [30, 70],
  NEEDS_SPEC: [0, 100],
};

/**
 * Validators (the spare nodes) judge the results of some of the round's ended tasks: one
 * validator (and its validator session) submits a verdict and score for every miner that committed, in commit order.
 */
export async function validateTasks(ctx: SimulationContext, tasks: SimulatedTask[]): Promise<void> {
  const random = ctx.networkRandom;
  const validators = ctx.actors.spareNodes;
  for (const { sessionId, taskId, plan } of reaching("ENDED", tasks)) {
    if (plan.committers.length === 0 || !random.chance(VALIDATION_CHANCE)) continue;
    const index = random.int(0, validators.length - 1);
    const validator = validators[index] as Address;
    const validatorSessionId = VALIDATOR_SESSION_BASE + 1n + BigInt(index);
    for (const miner of plan.committers) {
      const verdict = random.weighted(
        plan.dropped.includes(miner) ? DROPPED_VERDICTS : KEPT_VERDICTS,
      );
      const [low, high] = SCORES[verdict];
      const score = random.int(low, high);
      const args = [
        validatorSessionId,
        sessionId,
        taskId,
        miner,
        VERDICTS.indexOf(verdict),
        BigInt(score),
      ] as const;
      await ctx.contracts.validation.send(validator, "submitVerdict", args, {
        events: ["TaskValidated"],
        sessionId,
        taskId,
        onConfirmed: () =>
          ctx.truth.recordValidation({
            validatorSessionId: validatorSessionId.toString(),
            sessionId: sessionId.toString(),
            taskId: taskId.toString(),
            validator,
            miner,
            verdict,
            score,
          }),
      });
    }
  }
}
