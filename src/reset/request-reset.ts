import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client.ts";
import {
  type PhaseResetRow,
  phaseResets,
  phases,
  type ResetOptions,
} from "../db/control-schema/index.ts";
import {
  PhaseExistsError,
  PhasesNeedPostgresError,
  ResetInProgressError,
} from "../phase/errors.ts";
import { parsePhaseId, schemaNameOfPhase } from "../phase/phase-id.ts";
import { type PhaseNetwork, phaseNetworkRecord } from "../phase/phase-network.ts";
import { nextPhaseSeq, readIndexingPhase, readPhase } from "../phase/phase-store.ts";
import { readReset, readUnfinishedResets } from "./reset-journal.ts";

/** Arbitrary, fixed: serialises reset requests across processes. */
const RESET_REQUEST_LOCK = 7_302_114_552;

/** A reset as an operator asks for it, already validated (the network file loaded). */
export interface ResetRequest {
  phaseId: string;
  network: PhaseNetwork;
  options: ResetOptions;
  /** Who asks: the admin token's name, or `cli:<user>`. */
  requestedBy: string;
}

export interface RequestedReset {
  /** False when a reset to this phase existed already: asking again is a no-op. */
  created: boolean;
  reset: PhaseResetRow;
}

/**
 * Journals a reset to a new phase, or reports the existing one: the phase id is the idempotency
 * key, so the same request twice (or from two operators at once) makes one reset. The new phase
 * is recorded as `pending` in the same transaction, with the network it will follow, so that
 * whichever process resumes the reset needs nothing but the database.
 *
 * @throws PhaseExistsError for a phase that exists without this reset (archived ones included),
 *   ResetInProgressError while another reset is unfinished, PhasesNeedPostgresError on PGlite.
 */
export async function requestReset(
  database: DatabaseHandle,
  request: ResetRequest,
): Promise<RequestedReset> {
  if (database.driver !== "postgres") {
    throw new PhasesNeedPostgresError(
      "phase",
      "phase resets keep every phase in its own schema and serve two at once: set DATABASE_URL to a Postgres database",
    );
  }
  const phaseId = parsePhaseId("phase", request.phaseId);
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RESET_REQUEST_LOCK})`);
    const phase = await readPhase(tx, phaseId);
    if (phase?.status === "archived") {
      throw new PhaseExistsError(
        "phase",
        `phase "${phaseId}" is archived: a reset always starts a new phase, choose a new id`,
      );
    }
    const existing = await readReset(tx, phaseId);
    if (existing) return { created: false, reset: existing };
    if (phase) {
      throw new PhaseExistsError(
        "phase",
        `phase "${phaseId}" already exists (${phase.status}); a reset needs a new phase id`,
      );
    }
    const [unfinished] = await readUnfinishedResets(tx);
    if (unfinished) {
      throw new ResetInProgressError(
        "phase",
        `the reset to "${unfinished.phaseId}" is still ${unfinished.state}; wait for it to finish`,
      );
    }
    const from = await readIndexingPhase(tx);
    const seq = await nextPhaseSeq(tx);
    await tx.insert(phases).values({
      id: phaseId,
      seq,
      schemaName: schemaNameOfPhase(seq),
      status: "pending",
      ...phaseNetworkRecord(request.network),
    });
    const [reset] = await tx
      .insert(phaseResets)
      .values({
        phaseId,
        fromPhase: from?.id ?? null,
        requestedBy: request.requestedBy,
        options: request.options,
        state: "requested",
        steps: [{ state: "requested", at: new Date().toISOString() }],
      })
      .returning();
    if (!reset) throw new Error(`reset to ${phaseId} was not recorded`);
    return { created: true, reset };
  });
}
