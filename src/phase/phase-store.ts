import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type PhaseRow, phases } from "../db/control-schema/index.ts";
import { schemaNameOfPhase } from "./phase-id.ts";
import { type PhaseNetwork, phaseNetworkRecord } from "./phase-network.ts";

/** Every phase, oldest first. */
export function listPhases(db: Database): Promise<PhaseRow[]> {
  return db.select().from(phases).orderBy(asc(phases.seq));
}

export async function readPhase(db: Database, id: string): Promise<PhaseRow | undefined> {
  const [row] = await db.select().from(phases).where(eq(phases.id, id));
  return row;
}

/** The phase the API answers from when no `phase` is asked for. */
export async function readServingPhase(db: Database): Promise<PhaseRow | undefined> {
  const [row] = await db.select().from(phases).where(eq(phases.serving, true));
  return row;
}

/** The phase the workers write to. */
export async function readIndexingPhase(db: Database): Promise<PhaseRow | undefined> {
  const [row] = await db.select().from(phases).where(eq(phases.status, "indexing"));
  return row;
}

/** The sequence number the next phase gets. */
export async function nextPhaseSeq(db: Database): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number>`coalesce(max(${phases.seq}), 0)::int + 1` })
    .from(phases);
  return row?.seq ?? 1;
}

/**
 * Records the first phase of an index, indexing and serving, in the `public` schema. Concurrent
 * first starts race on the unique `seq`: one insert wins, the others change nothing.
 *
 * @returns the phase the workers index now (the first one, or whatever a reset made since).
 */
export async function ensureInitialPhase(
  db: Database,
  id: string,
  network: PhaseNetwork,
): Promise<PhaseRow> {
  await db
    .insert(phases)
    .values({
      id,
      seq: 1,
      schemaName: schemaNameOfPhase(1),
      status: "indexing",
      serving: true,
      servingSince: new Date(),
      ...phaseNetworkRecord(network),
    })
    .onConflictDoNothing();
  const indexing = await readIndexingPhase(db);
  if (!indexing) throw new Error("no phase is indexing: the phases table is inconsistent");
  return indexing;
}
