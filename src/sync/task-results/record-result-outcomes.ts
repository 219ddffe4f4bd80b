import { and, eq, sql } from "drizzle-orm";
import type { MinerResult } from "../../chain/read-task-results.ts";
import type { ChainConfig } from "../../config/load-network.ts";
import type { Database } from "../../db/client.ts";
import { insertNewRows, keysIn } from "../../db/rows-by-key.ts";
import { taskAssignments, taskResultFetches, taskResults } from "../../db/schema/index.ts";
import { refreshTaskHistories, type TaskKey } from "../../db/task-histories.ts";
import { redactRpcUrls } from "../../logger/create-logger.ts";
import { lockPhaseForWrite } from "../../phase/lock-phase-for-write.ts";
import { type ClaimedFetch, fetchKeyColumns } from "./claim-result-fetches.ts";

/** After this many failed reads a fetch is FAILED (visible in the API) and no longer retried. */
export const MAX_RESULT_ATTEMPTS = 5;

export interface ResultFetchRound {
  fetched: number;
  failed: number;
}

const fetchKey = Object.values(fetchKeyColumns);
const taskKeyOf = (row: { chainId: number; sessionId: string; taskId: string }): TaskKey => [
  row.chainId,
  row.sessionId,
  row.taskId,
];
const keyText = (key: TaskKey) => key.join(":");

/** The claim is spent: the fetch is open to the next claimer (or done). */
const released = { claimedBy: null, claimedUntil: null };

/**
 * Of the claimed fetches, those the claim still holds (PENDING and carrying `token`), locked
 * for the rest of the transaction.
 */
async function stillClaimed(
  tx: Database,
  token: string,
  claimed: readonly ClaimedFetch[],
): Promise<Set<string>> {
  const rows = await tx
    .select(fetchKeyColumns)
    .from(taskResultFetches)
    .where(
      and(
        keysIn(fetchKey, claimed.map(taskKeyOf)),
        eq(taskResultFetches.claimedBy, token),
        eq(taskResultFetches.status, "PENDING"),
      ),
    )
    .orderBy(...fetchKey)
    .for("update");
  return new Set(rows.map((row) => keyText(taskKeyOf(row))));
}

/**
 * Writes the outcomes of a claim's calls (`outcomes[i]` is that of `claimed[i]`) in one short
 * transaction, for the fetches the claim still holds. A fetch whose claim ran out and that
 * another worker claimed, or that a reorg's rollback removed, keeps what was written there. The
 * tasks' assignment rows are held `for share` until the results and their histories are written
 * (see db/task-histories.ts).
 */
export async function recordResultOutcomes(
  db: Database,
  chain: ChainConfig,
  token: string,
  claimed: readonly ClaimedFetch[],
  outcomes: readonly PromiseSettledResult<MinerResult[]>[],
): Promise<ResultFetchRound> {
  if (claimed.length === 0) return { fetched: 0, failed: 0 };
  return db.transaction(async (tx) => {
    // An archived phase is frozen: its claims run out and its reads stay pending.
    if ((await lockPhaseForWrite(tx)) === "archived") return { fetched: 0, failed: 0 };
    const held = await stillClaimed(tx, token, claimed);
    const mine = claimed.flatMap((fetch, index) => {
      const outcome = outcomes[index];
      return outcome && held.has(keyText(taskKeyOf(fetch))) ? [{ fetch, outcome }] : [];
    });
    if (mine.length === 0) return { fetched: 0, failed: 0 };
    const keys = mine.map(({ fetch }) => taskKeyOf(fetch));
    await tx
      .select({ miner: taskAssignments.miner })
      .from(taskAssignments)
      .where(
        keysIn([taskAssignments.chainId, taskAssignments.sessionId, taskAssignments.taskId], keys),
      )
      .orderBy(
        taskAssignments.chainId,
        taskAssignments.sessionId,
        taskAssignments.taskId,
        taskAssignments.miner,
      )
      .for("share");

    // The writes go in a few statements: one for every result, one for every success and one
    // per distinct error (a round's failures mostly share theirs: the provider was down).
    const results: (typeof taskResults.$inferInsert)[] = [];
    const done: TaskKey[] = [];
    const failedByError = new Map<string, TaskKey[]>();
    for (const { fetch, outcome } of mine) {
      if (outcome.status === "rejected") {
        // viem's messages name the provider's URL, and providers put API keys in it.
        const error = redactRpcUrls(
          String(outcome.reason?.message ?? outcome.reason),
          chain.rpcUrls,
        ).slice(0, 1000);
        const failed = failedByError.get(error) ?? [];
        failed.push(taskKeyOf(fetch));
        failedByError.set(error, failed);
        continue;
      }
      for (const result of outcome.value) {
        results.push({
          chainId: fetch.chainId,
          sessionId: fetch.sessionId,
          taskId: fetch.taskId,
          miner: result.miner,
          result: result.result,
          resultHash: result.resultHash,
          blockNumber: fetch.blockNumber,
        });
      }
      done.push(taskKeyOf(fetch));
    }
    for (const [error, failed] of failedByError) {
      await tx
        .update(taskResultFetches)
        .set({
          ...released,
          attempts: sql`${taskResultFetches.attempts} + 1`,
          status: sql`case when ${taskResultFetches.attempts} + 1 >= ${MAX_RESULT_ATTEMPTS} then 'FAILED' else 'PENDING' end`,
          lastError: error,
        })
        .where(keysIn(fetchKey, failed));
    }
    await insertNewRows(tx, taskResults, results);
    if (done.length > 0) {
      await tx
        .update(taskResultFetches)
        .set({
          ...released,
          status: "DONE",
          attempts: sql`${taskResultFetches.attempts} + 1`,
          lastError: null,
        })
        .where(keysIn(fetchKey, done));
    }
    await refreshTaskHistories(tx, ["assignments", "resultFetchStatus"], keys);
    return { fetched: done.length, failed: mine.length - done.length };
  });
}
