import { eq } from "drizzle-orm";
import { readCheckpoint } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import { phaseResets, phases } from "../db/control-schema/index.ts";

/**
 * The blue/green switch of a `when-ready` reset: once every chain of the indexing phase has
 * caught up with its head, the API serves it instead of the archived phase. Checked after each
 * sync job; cheap when there is nothing to do (one row read).
 *
 * @param control a handle that reads the control tables
 * @param indexed a handle on the indexing phase's tables
 * @returns whether this call made the switch.
 */
export async function switchServingWhenCaughtUp(
  control: Database,
  indexed: Database,
  phaseId: string,
  chainIds: readonly number[],
): Promise<boolean> {
  const [phase] = await control.select().from(phases).where(eq(phases.id, phaseId));
  if (!phase || phase.serving || phase.status !== "indexing") return false;
  for (const chainId of chainIds) {
    const checkpoint = await readCheckpoint(indexed, chainId);
    if (!checkpoint?.caughtUpAt) return false;
  }
  return control.transaction(async (tx) => {
    const [locked] = await tx.select().from(phases).where(eq(phases.id, phaseId)).for("update");
    if (!locked || locked.serving || locked.status !== "indexing") return false;
    const now = new Date();
    await tx.update(phases).set({ serving: false }).where(eq(phases.serving, true));
    await tx.update(phases).set({ serving: true, servingSince: now }).where(eq(phases.id, phaseId));
    await tx
      .update(phaseResets)
      .set({ switchedAt: now, updatedAt: now })
      .where(eq(phaseResets.phaseId, phaseId));
    return true;
  });
}
