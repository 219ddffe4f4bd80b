import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type PhaseResetRow, phaseResets, type ResetState } from "../db/control-schema/index.ts";

/** States a reset never leaves. */
export const TERMINAL_RESET_STATES: readonly ResetState[] = ["completed", "failed"];

export async function readReset(db: Database, phaseId: string): Promise<PhaseResetRow | undefined> {
  const [row] = await db.select().from(phaseResets).where(eq(phaseResets.phaseId, phaseId));
  return row;
}

/** Resets that are neither completed nor failed: interrupted, or under way elsewhere. */
export function readUnfinishedResets(db: Database): Promise<PhaseResetRow[]> {
  return db
    .select()
    .from(phaseResets)
    .where(notInArray(phaseResets.state, [...TERMINAL_RESET_STATES]));
}

export interface ResetTransition {
  detail?: string;
  error?: string;
  switched?: boolean;
}

/**
 * Moves a reset from `from` to `to` and appends the step to its audit trail. Compare-and-set on
 * the state: a transition another driver already made is refused (returns false), never repeated.
 */
export async function transitionReset(
  db: Database,
  phaseId: string,
  from: ResetState,
  to: ResetState,
  transition: ResetTransition = {},
): Promise<boolean> {
  const step = { state: to, at: new Date().toISOString(), detail: transition.detail };
  const terminal = TERMINAL_RESET_STATES.includes(to);
  const updated = await db
    .update(phaseResets)
    .set({
      state: to,
      steps: sql`${phaseResets.steps} || ${JSON.stringify([step])}::jsonb`,
      updatedAt: new Date(),
      ...(terminal ? { completedAt: new Date() } : {}),
      ...(transition.error !== undefined ? { error: transition.error } : {}),
      ...(transition.switched ? { switchedAt: new Date() } : {}),
    })
    .where(and(eq(phaseResets.phaseId, phaseId), eq(phaseResets.state, from)))
    .returning({ phaseId: phaseResets.phaseId });
  return updated.length === 1;
}
