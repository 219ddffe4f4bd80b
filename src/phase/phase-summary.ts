import { asc, count, sum } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { chainCheckpoints, events, sessions, taskStatusCounts } from "../db/schema/index.ts";

/** One chain's block range in a phase. */
export interface PhaseChainSpan {
  chainId: number;
  name: string;
  startBlock: bigint;
  /** Last indexed block; startBlock − 1 before anything was indexed. */
  lastIndexedBlock: bigint;
}

/** What a phase holds: its block range per chain and its row counts. */
export interface PhaseSummary {
  chains: PhaseChainSpan[];
  events: number;
  sessions: number;
  tasks: number;
}

/**
 * Summarises the phase whose tables `db` reads. Tasks come from the projection's counters;
 * sessions and events are counted, which stays fast enough for an operator's listing.
 */
export async function summarizePhase(db: Database): Promise<PhaseSummary> {
  const [chains, [eventCount], [sessionCount], [taskCount]] = await Promise.all([
    db
      .select({
        chainId: chainCheckpoints.chainId,
        name: chainCheckpoints.chainName,
        startBlock: chainCheckpoints.startBlock,
        lastIndexedBlock: chainCheckpoints.lastIndexedBlock,
      })
      .from(chainCheckpoints)
      .orderBy(asc(chainCheckpoints.chainId)),
    db.select({ value: count() }).from(events),
    db.select({ value: count() }).from(sessions),
    db.select({ value: sum(taskStatusCounts.count).mapWith(Number) }).from(taskStatusCounts),
  ]);
  return {
    chains,
    events: eventCount?.value ?? 0,
    sessions: sessionCount?.value ?? 0,
    tasks: taskCount?.value ?? 0,
  };
}
