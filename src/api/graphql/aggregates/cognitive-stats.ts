import { count, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { cognitiveRounds } from "../../../db/schema/index.ts";
import { COGNITIVE_PHASES } from "../../../projection/handlers/cognitive-handlers.ts";
import { roundFloat } from "./arguments.ts";

/** Counts of one chain's cognitive rounds. */
export interface CognitiveRoundStats {
  chainId: number;
  total: number;
  byPhase: { phase: string; count: number }[];
  avgPrecommitCount: number | null;
  avgCommitCount: number | null;
}

/**
 * Rounds per phase (every phase, in order) and the average precommits and commits of ended
 * rounds: rounds still running would pull the averages down.
 */
export async function cognitiveRoundStats(
  db: Database,
  chainId: number,
): Promise<CognitiveRoundStats> {
  const rows = await db
    .select({
      phase: cognitiveRounds.phase,
      count: count(),
      avgPrecommitCount: sql<number | null>`avg(${cognitiveRounds.precommitCount})::float8`,
      avgCommitCount: sql<number | null>`avg(${cognitiveRounds.commitCount})::float8`,
    })
    .from(cognitiveRounds)
    .where(eq(cognitiveRounds.chainId, chainId))
    .groupBy(cognitiveRounds.phase);
  const byPhase = new Map(rows.map((row) => [row.phase, row]));
  const ended = byPhase.get("ENDED");
  return {
    chainId,
    total: rows.reduce((total, row) => total + row.count, 0),
    byPhase: COGNITIVE_PHASES.map((phase) => ({ phase, count: byPhase.get(phase)?.count ?? 0 })),
    avgPrecommitCount: roundFloat(ended?.avgPrecommitCount),
    avgCommitCount: roundFloat(ended?.avgCommitCount),
  };
}
