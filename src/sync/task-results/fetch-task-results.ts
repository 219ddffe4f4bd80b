import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Hex, PublicClient } from "viem";
import { RPC_BATCH_SIZE } from "../../chain/create-chain-client.ts";
import { readTaskResults } from "../../chain/read-task-results.ts";
import type { ChainConfig } from "../../config/load-network.ts";
import type { Database } from "../../db/client.ts";
import { claimResultFetches, keepClaimAlive } from "./claim-result-fetches.ts";
import { type ResultFetchRound, recordResultOutcomes } from "./record-result-outcomes.ts";

export { MAX_RESULT_ATTEMPTS, type ResultFetchRound } from "./record-result-outcomes.ts";

/**
 * Fetches claimed per round (their calls in flight together): one JSON-RPC batch, so that a
 * round costs one provider round trip.
 */
const FETCHES_PER_ROUND = RPC_BATCH_SIZE;
/**
 * Rounds a job of a caught-up chain runs side by side once a backlog shows: no round holds a
 * transaction across its calls, so behind a distant provider their round trips overlap instead
 * of adding up.
 */
export const RESULT_ROUNDS_IN_FLIGHT = 4;

export interface ResultRoundOptions {
  /** Fetches claimed (default one JSON-RPC batch). */
  limit?: number;
  /** The claim's lease, renewed while the round's calls run (default RESULT_CLAIM_MS). */
  leaseMs?: number;
}

/**
 * One round of result reads: claims the chain's oldest PENDING fetches (claim-result-fetches.ts),
 * reads each task's results at the block of its end, outside any transaction, and writes the
 * outcomes of the fetches it still holds (record-result-outcomes.ts). Workers share the backlog
 * without reading a task twice while their claims last; a DONE fetch is never repeated, which
 * makes the stored results the cache of these calls.
 */
export async function fetchPendingTaskResults(
  db: Database,
  client: PublicClient,
  chain: ChainConfig,
  { limit = FETCHES_PER_ROUND, leaseMs }: ResultRoundOptions = {},
): Promise<ResultFetchRound> {
  const token = claimToken();
  const claimed = await claimResultFetches(db, chain.chainId, { token, limit, leaseMs });
  if (claimed.length === 0) return { fetched: 0, failed: 0 };
  const abiByAddress = new Map(chain.contracts.map((c) => [c.address.toLowerCase(), c.abi]));
  const stopRenewing = keepClaimAlive(db, token, claimed, leaseMs);
  try {
    const outcomes = await Promise.allSettled(
      claimed.map((fetch) =>
        readTaskResults(client, {
          address: fetch.contractAddress as Hex,
          abi: abiByAddress.get(fetch.contractAddress) ?? "gen1",
          sessionId: BigInt(fetch.sessionId),
          taskId: BigInt(fetch.taskId),
          blockNumber: fetch.blockNumber,
        }),
      ),
    );
    return await recordResultOutcomes(db, chain, token, claimed, outcomes);
  } finally {
    stopRenewing();
  }
}

/**
 * Names a round's claim: unique, and saying which process holds it (host and pid), so that an
 * operator looking at a stuck read in `task_result_fetches.claimed_by` knows where to look.
 */
const claimToken = () => `${hostname()}/${process.pid}/${randomUUID()}`;

/** Whether a round says to stop: a failure, the backlog drained, or the job's time is up. */
const roundEnds = (round: ResultFetchRound, deadline: number) =>
  round.failed > 0 || round.fetched < FETCHES_PER_ROUND || Date.now() >= deadline;

/**
 * Rounds of fetchPendingTaskResults until `deadline` (epoch ms) or the backlog is empty, so that
 * the results of a caught-up backfill (thousands of ended tasks) are read in minutes, not at one
 * round per job. A first round alone; when it finds a backlog, `roundsInFlight` side by side.
 * Stops at the first round with a failure: a provider having trouble gets the next job's time,
 * not every attempt of a fetch in a row.
 */
export async function fetchTaskResultsUntil(
  db: Database,
  client: PublicClient,
  chain: ChainConfig,
  deadline: number,
  roundsInFlight = RESULT_ROUNDS_IN_FLIGHT,
): Promise<ResultFetchRound> {
  const total = await fetchPendingTaskResults(db, client, chain);
  let stop = roundEnds(total, deadline);
  const lane = async () => {
    while (!stop) {
      try {
        const round = await fetchPendingTaskResults(db, client, chain);
        total.fetched += round.fetched;
        total.failed += round.failed;
        stop ||= roundEnds(round, deadline);
      } catch (error) {
        stop = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: roundsInFlight }, lane));
  const failure = lanes.find((lane) => lane.status === "rejected");
  if (failure) throw failure.reason;
  return total;
}
