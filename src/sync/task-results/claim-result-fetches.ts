import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { keysIn } from "../../db/rows-by-key.ts";
import { taskResultFetches } from "../../db/schema/index.ts";
import { lockPhaseForWrite } from "../../phase/lock-phase-for-write.ts";

/**
 * How long a claim keeps other workers off a fetch unless renewed. The round that holds it renews
 * it every third of this while its calls run (keepClaimAlive), however long they take: a worker
 * that dies holding a claim delays those reads by at most this much, and one whose renewals stop
 * (its event loop blocked this long) only loses the reads another worker claimed since.
 */
export const RESULT_CLAIM_MS = 15_000;

/** When a claim made or renewed now for `leaseMs` runs out, by the database's clock. */
const claimedUntil = (leaseMs: number) => sql`now() + ${leaseMs} * interval '1 millisecond'`;

export type ClaimedFetch = typeof taskResultFetches.$inferSelect;

/** A fetch's primary key columns, as a selection. */
export const fetchKeyColumns = {
  chainId: taskResultFetches.chainId,
  sessionId: taskResultFetches.sessionId,
  taskId: taskResultFetches.taskId,
};

export interface ClaimOptions {
  /** Names this claim; its outcomes are written only where the fetch still carries it. */
  token: string;
  limit: number;
  /** Default RESULT_CLAIM_MS. */
  leaseMs?: number;
}

/**
 * Claims up to `limit` of the chain's PENDING result fetches that no live claim holds, oldest
 * first, in one short transaction: the calls that follow run outside any transaction, so a slow
 * provider holds no connection and no lock. Rows another claimer is taking right now are
 * skipped (SKIP LOCKED), so workers claiming side by side never get the same fetch.
 *
 * @example
 * const claimed = await claimResultFetches(db, 42161, { token: randomUUID(), limit: 100 });
 */
export async function claimResultFetches(
  db: Database,
  chainId: number,
  { token, limit, leaseMs = RESULT_CLAIM_MS }: ClaimOptions,
): Promise<ClaimedFetch[]> {
  return db.transaction(async (tx) => {
    // An archived phase is frozen: its pending reads stay pending (see lockPhaseForWrite).
    if ((await lockPhaseForWrite(tx)) === "archived") return [];
    const claimable = tx
      .select(fetchKeyColumns)
      .from(taskResultFetches)
      .where(
        and(
          eq(taskResultFetches.chainId, chainId),
          eq(taskResultFetches.status, "PENDING"),
          // Claim times are the database's clock, so workers' clocks need not agree.
          or(
            isNull(taskResultFetches.claimedUntil),
            lt(taskResultFetches.claimedUntil, sql`now()`),
          ),
        ),
      )
      .orderBy(asc(taskResultFetches.blockNumber))
      .limit(limit)
      .for("update", { skipLocked: true });
    const claimed = await tx
      .update(taskResultFetches)
      .set({
        claimedBy: token,
        claimedUntil: claimedUntil(leaseMs),
      })
      .where(
        sql`(${taskResultFetches.chainId}, ${taskResultFetches.sessionId}, ${taskResultFetches.taskId}) in (${claimable})`,
      )
      .returning();
    return claimed.sort((a, b) =>
      a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0,
    );
  });
}

/**
 * Renews the claim on `claimed` (those of its fetches still PENDING and carrying `token`) every
 * third of `leaseMs` until the returned function is called. A renewal that fails is not retried
 * early: the claim may then run out, and the round's outcomes are written only for the fetches it
 * still holds (see recordResultOutcomes).
 *
 * @example
 * const stop = keepClaimAlive(db, token, claimed);
 * try { await readResults(claimed); } finally { stop(); }
 */
export function keepClaimAlive(
  db: Database,
  token: string,
  claimed: readonly ClaimedFetch[],
  leaseMs = RESULT_CLAIM_MS,
): () => void {
  const keys = claimed.map((fetch) => [fetch.chainId, fetch.sessionId, fetch.taskId]);
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing) return;
    renewing = true;
    db.update(taskResultFetches)
      .set({ claimedUntil: claimedUntil(leaseMs) })
      .where(
        and(
          keysIn(Object.values(fetchKeyColumns), keys),
          eq(taskResultFetches.claimedBy, token),
          eq(taskResultFetches.status, "PENDING"),
        ),
      )
      .catch(() => {})
      .finally(() => {
        renewing = false;
      });
  }, leaseMs / 3);
  timer.unref();
  return () => clearInterval(timer);
}
