import { and, asc, eq, sql } from "drizzle-orm";
import type { Hex, PublicClient } from "viem";
import { RPC_BATCH_SIZE } from "../../chain/create-chain-client.ts";
import { readTaskResults } from "../../chain/read-task-results.ts";
import type { ChainConfig } from "../../config/load-network.ts";
import type { Database } from "../../db/client.ts";
import { insertNewRows, keysIn } from "../../db/rows-by-key.ts";
import { taskAssignments, taskResultFetches, taskResults } from "../../db/schema/index.ts";
import { refreshTaskHistories, type TaskKey } from "../../db/task-histories.ts";
import { redactRpcUrls } from "../../logger/create-logger.ts";
import { lockPhaseForWrite } from "../../phase/lock-phase-for-write.ts";

/** After this many failed reads a fetch is FAILED (visible in the API) and no longer retried. */
export const MAX_RESULT_ATTEMPTS = 5;

/**
 * Fetches claimed per round (one transaction, their calls in flight together): one JSON-RPC
 * batch, so that a round costs one provider round trip.
 */
const FETCHES_PER_ROUND = RPC_BATCH_SIZE;

export interface ResultFetchRound {
  fetched: number;
  failed: number;
}

/**
 * Reads the results of ended tasks whose fetch is PENDING, oldest first. Each fetch is claimed
 * with FOR UPDATE SKIP LOCKED, so several workers share the backlog without reading a task twice;
 * a DONE fetch is never repeated, which makes the stored results the cache of these calls.
 * The claimed tasks' assignment rows are held `for share` until the results and their histories
 * are written (see db/task-histories.ts).
 */
export async function fetchPendingTaskResults(
  db: Database,
  client: PublicClient,
  chain: ChainConfig,
  limit = FETCHES_PER_ROUND,
): Promise<ResultFetchRound> {
  const abiByAddress = new Map(chain.contracts.map((c) => [c.address.toLowerCase(), c.abi]));
  return db.transaction(async (tx) => {
    // An archived phase is frozen: its pending reads stay pending (see lockPhaseForWrite).
    if ((await lockPhaseForWrite(tx)) === "archived") return { fetched: 0, failed: 0 };
    const pending = await tx
      .select()
      .from(taskResultFetches)
      .where(
        and(eq(taskResultFetches.chainId, chain.chainId), eq(taskResultFetches.status, "PENDING")),
      )
      .orderBy(asc(taskResultFetches.blockNumber))
      .limit(limit)
      .for("update", { skipLocked: true });
    const claimed: TaskKey[] = pending.map((fetch) => [
      fetch.chainId,
      fetch.sessionId,
      fetch.taskId,
    ]);
    if (claimed.length > 0) {
      await tx
        .select({ miner: taskAssignments.miner })
        .from(taskAssignments)
        .where(
          keysIn(
            [taskAssignments.chainId, taskAssignments.sessionId, taskAssignments.taskId],
            claimed,
          ),
        )
        .orderBy(
          taskAssignments.chainId,
          taskAssignments.sessionId,
          taskAssignments.taskId,
          taskAssignments.miner,
        )
        .for("share");
    }

    const outcomes = await Promise.allSettled(
      pending.map((fetch) =>
        readTaskResults(client, {
          address: fetch.contractAddress as Hex,
          abi: abiByAddress.get(fetch.contractAddress) ?? "gen1",
          sessionId: BigInt(fetch.sessionId),
          taskId: BigInt(fetch.taskId),
          blockNumber: fetch.blockNumber,
        }),
      ),
    );

    // The round's writes go in a few statements: one for every result, one for every success.
    const results: (typeof taskResults.$inferInsert)[] = [];
    const done: TaskKey[] = [];
    let failed = 0;
    for (const [index, outcome] of outcomes.entries()) {
      const fetch = pending[index];
      if (!fetch) continue;
      if (outcome.status === "fulfilled") {
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
        done.push([fetch.chainId, fetch.sessionId, fetch.taskId]);
      } else {
        const attempts = fetch.attempts + 1;
        await tx
          .update(taskResultFetches)
          .set({
            attempts,
            status: attempts >= MAX_RESULT_ATTEMPTS ? "FAILED" : "PENDING",
            // viem's messages name the provider's URL, and providers put API keys in it.
            lastError: redactRpcUrls(
              String(outcome.reason?.message ?? outcome.reason),
              chain.rpcUrls,
            ).slice(0, 1000),
          })
          .where(
            and(
              eq(taskResultFetches.chainId, fetch.chainId),
              eq(taskResultFetches.sessionId, fetch.sessionId),
              eq(taskResultFetches.taskId, fetch.taskId),
            ),
          );
        failed += 1;
      }
    }
    await insertNewRows(tx, taskResults, results);
    if (done.length > 0) {
      await tx
        .update(taskResultFetches)
        .set({
          status: "DONE",
          attempts: sql`${taskResultFetches.attempts} + 1`,
          lastError: null,
        })
        .where(
          keysIn(
            [taskResultFetches.chainId, taskResultFetches.sessionId, taskResultFetches.taskId],
            done,
          ),
        );
    }
    await refreshTaskHistories(tx, ["assignments", "resultFetchStatus"], claimed);
    return { fetched: done.length, failed };
  });
}

/**
 * Rounds of fetchPendingTaskResults until `deadline` (epoch ms) or the backlog is empty, so that
 * the results of a caught-up backfill (thousands of ended tasks) are read in minutes, not at one
 * round per job. Stops at the first round with a failure: a provider having trouble gets the
 * next job's time, not every attempt of a fetch in a row.
 */
export async function fetchTaskResultsUntil(
  db: Database,
  client: PublicClient,
  chain: ChainConfig,
  deadline: number,
): Promise<ResultFetchRound> {
  const total: ResultFetchRound = { fetched: 0, failed: 0 };
  do {
    const round = await fetchPendingTaskResults(db, client, chain);
    total.fetched += round.fetched;
    total.failed += round.failed;
    if (round.failed > 0 || round.fetched < FETCHES_PER_ROUND) break;
  } while (Date.now() < deadline);
  return total;
}
