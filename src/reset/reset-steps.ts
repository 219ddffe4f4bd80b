import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "../db/client.ts";
import { type PhaseResetRow, type PhaseRow, phases } from "../db/control-schema/index.ts";
import type { Logger } from "../logger/create-logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { WorkQueue } from "../queue/work-queue.ts";
import { transitionReset } from "./reset-journal.ts";

/** What the steps of a reset act on. */
export interface ResetContext {
  /** The base handle: control tables, and the way to open a phase's schema. */
  database: DatabaseHandle;
  /** The workers' queue, paused during the reset; absent when no process shares one. */
  queue?: Pick<WorkQueue, "pause" | "resume">;
  logger: Logger;
  /** How long running jobs get to finish when the workers are paused (default 30 s). */
  drainTimeoutMs?: number;
  /** Counts the resets this process drove to their end, by outcome. */
  metrics?: Pick<Metrics, "resets">;
}

async function readPhaseFor(db: Database, id: string): Promise<PhaseRow> {
  const [phase] = await db.select().from(phases).where(eq(phases.id, id));
  if (!phase) throw new Error(`reset journal names phase "${id}", which has no row`);
  return phase;
}

/** requested → paused: no worker starts a job; running ones finish (or the cut-over stops them). */
export async function pauseWorkers(context: ResetContext, reset: PhaseResetRow): Promise<void> {
  const drained = (await context.queue?.pause(context.drainTimeoutMs ?? 30_000)) ?? true;
  await transitionReset(context.database.db, reset.phaseId, "requested", "paused", {
    detail: drained
      ? "workers paused, running jobs drained"
      : "workers paused; jobs still running are stopped at the cut-over",
  });
}

/**
 * Gives the roles that read the first phase's tables (API replicas on a read-only role) the same
 * read access to a new phase's schema, so they keep answering after the switch.
 */
async function mirrorReadGrants(db: Database, schemaName: string): Promise<void> {
  const readers = (await db.execute(sql`
    select distinct grantee from information_schema.role_table_grants
    where table_schema = 'public' and table_name = 'chain_checkpoints'
      and privilege_type = 'SELECT' and grantee <> current_user`)) as unknown as {
    grantee: string;
  }[];
  for (const { grantee } of readers) {
    const role = grantee === "PUBLIC" ? sql.raw("public") : sql.identifier(grantee);
    const schema = sql.identifier(schemaName);
    await db.execute(sql`grant usage on schema ${schema} to ${role}`);
    await db.execute(sql`grant select on all tables in schema ${schema} to ${role}`);
  }
}

/** paused → prepared: the new phase's schema and tables exist (migrations are idempotent). */
export async function prepareTables(context: ResetContext, reset: PhaseResetRow): Promise<void> {
  const phase = await readPhaseFor(context.database.db, reset.phaseId);
  const openSchema = context.database.openSchema;
  if (!openSchema) throw new Error("phase resets need Postgres");
  const handle = await openSchema(phase.schemaName, 1);
  try {
    await handle.migrate();
    await mirrorReadGrants(handle.db, phase.schemaName);
  } finally {
    await handle.close();
  }
  await transitionReset(context.database.db, reset.phaseId, "paused", "prepared", {
    detail: `tables created in schema ${phase.schemaName}`,
  });
}

/**
 * prepared → cut-over, in one transaction: the indexing phase is archived, the new one becomes
 * the indexing phase, and (switch "immediate") the serving one. Only status flags change: the
 * cost is the same whatever the archived phase holds. The rows are locked first, so a batch of
 * the old phase in flight either committed before or is refused after (lockPhaseForWrite).
 */
export async function cutOver(context: ResetContext, reset: PhaseResetRow): Promise<void> {
  const immediate = reset.options.switch === "immediate";
  await context.database.db.transaction(async (tx) => {
    await tx
      .select({ id: phases.id })
      .from(phases)
      .where(or(inArray(phases.status, ["indexing", "pending"]), eq(phases.serving, true)))
      .for("update");
    const now = new Date();
    await tx
      .update(phases)
      .set({ status: "archived", archivedAt: now })
      .where(eq(phases.status, "indexing"));
    if (immediate) {
      await tx.update(phases).set({ serving: false }).where(eq(phases.serving, true));
    }
    await tx
      .update(phases)
      .set({
        status: "indexing",
        ...(immediate ? { serving: true, servingSince: now } : {}),
      })
      .where(and(eq(phases.id, reset.phaseId), eq(phases.status, "pending")));
    await transitionReset(tx, reset.phaseId, "prepared", "cut-over", {
      detail: immediate
        ? `"${reset.fromPhase ?? "none"}" archived; "${reset.phaseId}" indexing and serving`
        : `"${reset.fromPhase ?? "none"}" archived and still serving until "${reset.phaseId}" catches up`,
      switched: immediate,
    });
  });
}

/** cut-over → completed: the workers resume, on the new phase. */
export async function resumeWorkers(context: ResetContext, reset: PhaseResetRow): Promise<void> {
  await context.queue?.resume();
  await transitionReset(context.database.db, reset.phaseId, "cut-over", "completed", {
    detail: "workers resumed",
  });
}

/**
 * A reset that failed before its cut-over is undone: the new phase's schema (which holds nothing
 * indexed yet) and pending row are dropped, the workers resume on the phase they had. Nothing of
 * any other phase is touched: only a `pending` phase's schema is ever dropped.
 */
export async function rollBack(
  context: ResetContext,
  reset: PhaseResetRow,
  error: unknown,
): Promise<void> {
  const { db } = context.database;
  const message = error instanceof Error ? error.message : String(error);
  // Resume first: a crash after it leaves the reset unfinished, and the next driver pauses again.
  await context.queue?.resume();
  await db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(phases)
      .where(and(eq(phases.id, reset.phaseId), eq(phases.status, "pending")))
      .for("update");
    if (pending && pending.schemaName !== "public") {
      await tx.execute(sql`drop schema if exists ${sql.identifier(pending.schemaName)} cascade`);
    }
    if (pending) await tx.delete(phases).where(eq(phases.id, pending.id));
    await transitionReset(tx, reset.phaseId, reset.state, "failed", {
      detail: "rolled back",
      error: message,
    });
  });
  context.logger.error({ phase: reset.phaseId, error: message }, "reset failed and rolled back");
}
