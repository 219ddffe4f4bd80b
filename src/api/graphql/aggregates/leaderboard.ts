import { and, asc, desc, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { nodes } from "../../../db/schema/index.ts";

/** What nodes are ranked by. */
export type LeaderboardMetric = "COMMITTED" | "SUCCESS_RATIO";

type NodeRow = typeof nodes.$inferSelect;

/** A node's place on a leaderboard. */
export interface NodeRanking {
  rank: number;
  score: number;
  node: NodeRow;
}

interface MetricQuery {
  score: SQL;
  /** Nodes that can be ranked at all. */
  eligible?: SQL;
  scoreOf(node: NodeRow): number;
}

const METRICS: Record<LeaderboardMetric, MetricQuery> = {
  COMMITTED: {
    score: sql`${nodes.tasksCommitted}`,
    scoreOf: (node) => node.tasksCommitted,
  },
  SUCCESS_RATIO: {
    score: sql`${nodes.tasksSucceeded}::float8 / ${nodes.tasksEnded}`,
    // A ratio over no ended task means nothing.
    eligible: gt(nodes.tasksEnded, 0),
    scoreOf: (node) => node.tasksSucceeded / node.tasksEnded,
  },
};

/** The chain's top `first` nodes by the metric, best first; equal scores in address order. */
export async function nodeLeaderboard(
  db: Database,
  chainId: number,
  metric: LeaderboardMetric,
  first: number,
): Promise<NodeRanking[]> {
  const { score, eligible, scoreOf } = METRICS[metric];
  const rows = await db
    .select()
    .from(nodes)
    .where(and(eq(nodes.chainId, chainId), eligible))
    .orderBy(desc(score), asc(nodes.address))
    .limit(first);
  return rows.map((node, index) => ({ rank: index + 1, score: scoreOf(node), node }));
}
