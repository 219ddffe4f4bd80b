import type { PhaseResetRow, ResetState } from "../db/control-schema/index.ts";
import { readReset, readUnfinishedResets, TERMINAL_RESET_STATES } from "./reset-journal.ts";
import {
  cutOver,
  pauseWorkers,
  prepareTables,
  type ResetContext,
  resumeWorkers,
  rollBack,
} from "./reset-steps.ts";

export type { ResetContext } from "./reset-steps.ts";

/** Arbitrary, fixed: one process at a time drives resets; a dead driver's lock dies with it. */
const RESET_DRIVER_LOCK = 7_302_114_553;

type Step = (context: ResetContext, reset: PhaseResetRow) => Promise<void>;

/** The step that leaves each unfinished state. Every step may be re-run after a crash. */
const STEPS: Record<Exclude<ResetState, "completed" | "failed">, Step> = {
  requested: pauseWorkers,
  paused: prepareTables,
  prepared: cutOver,
  "cut-over": resumeWorkers,
};

/** States before the cut-over: a failure there is rolled back; after it, only forward. */
const BEFORE_CUT_OVER: readonly ResetState[] = ["requested", "paused"];

export interface DriveResetOptions {
  /** Called after each step is journaled; the tests kill the process here. */
  afterStep?: (state: ResetState) => Promise<void> | void;
}

/**
 * Drives a journaled reset to its end: each step, then its journal entry, until `completed` (or
 * `failed`, rolled back). A crash at any point leaves the journal at the last finished step, and
 * the next driver (resumeUnfinishedResets at any process's start) carries on from there.
 * A session advisory lock on a reserved connection makes one driver at a time; when a driver
 * dies, Postgres drops the connection and the lock with it.
 *
 * @returns the reset as it ended.
 */
export async function driveReset(
  context: ResetContext,
  phaseId: string,
  options: DriveResetOptions = {},
): Promise<PhaseResetRow> {
  const client = context.database.postgres;
  if (!client) throw new Error("phase resets need Postgres");
  const connection = await client.reserve();
  try {
    await connection`select pg_advisory_lock(${RESET_DRIVER_LOCK})`;
    // Only a reset this call moved counts: reporting an ended one again is not a reset.
    let drove = false;
    for (;;) {
      const reset = await readReset(context.database.db, phaseId);
      if (!reset) throw new Error(`no reset to phase "${phaseId}" is journaled`);
      if (TERMINAL_RESET_STATES.includes(reset.state)) {
        if (drove)
          context.metrics?.resets.inc({ outcome: reset.state === "completed" ? "ok" : "failed" });
        return reset;
      }
      drove = true;
      const step = STEPS[reset.state as keyof typeof STEPS];
      context.logger.info({ phase: phaseId, state: reset.state }, "reset step");
      try {
        await step(context, reset);
      } catch (error) {
        if (!BEFORE_CUT_OVER.includes(reset.state)) throw error;
        await rollBack(context, reset, error);
        continue;
      }
      const after = await readReset(context.database.db, phaseId);
      if (after) await options.afterStep?.(after.state);
    }
  } finally {
    await connection`select pg_advisory_unlock(${RESET_DRIVER_LOCK})`.catch(() => {});
    connection.release();
  }
}

/** Finishes every reset a crash interrupted. Run at the start of every process. */
export async function resumeUnfinishedResets(context: ResetContext): Promise<PhaseResetRow[]> {
  if (context.database.driver !== "postgres") return [];
  const unfinished = await readUnfinishedResets(context.database.db);
  const finished: PhaseResetRow[] = [];
  for (const reset of unfinished) {
    context.logger.warn(
      { phase: reset.phaseId, state: reset.state },
      "resuming an interrupted reset",
    );
    finished.push(await driveReset(context, reset.phaseId));
  }
  return finished;
}
