import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { PhaseStatus } from "../db/control-schema/index.ts";

/**
 * Share-locks the phase row of the transaction's schema and returns its status, or null for a
 * schema no phase owns. A reset's cut-over locks the same row for update, so a batch either
 * commits before the phase is archived or sees it archived: no write ever lands in an archived
 * phase. Must run inside the writing transaction.
 */
export async function lockPhaseForWrite(tx: Database): Promise<PhaseStatus | null> {
  const rows = (await tx.execute(
    sql`select status from cortensor.phases where schema_name = current_schema() for share`,
  )) as unknown as { status: PhaseStatus }[] | { rows: { status: PhaseStatus }[] };
  const list = Array.isArray(rows) ? rows : rows.rows;
  return list[0]?.status ?? null;
}
