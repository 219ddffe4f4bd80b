import type { ApiContext } from "../context.ts";
import { nodeSpec } from "../node-entities.ts";
import { resolvePageSize } from "../pagination.ts";
import { nonNegativeInt64, timeWindowArgs } from "./arguments.ts";
import { cognitiveRoundStats } from "./cognitive-stats.ts";
import { type LeaderboardMetric, nodeLeaderboard } from "./leaderboard.ts";
import { DEFAULT_ACTIVE_WITHIN_SECONDS, networkStats } from "./network-stats.ts";
import { taskLatency } from "./task-latency.ts";
import { MAX_BUCKETS, type TimeInterval, taskTimeSeries } from "./time-series.ts";

/** Most nodes one leaderboard lists. */
const MAX_LEADERBOARD_SIZE = 1000;

/** SDL of the dashboard aggregates, each computed in SQL over one chain's rows. */
export const aggregateTypeDefs = /* GraphQL */ `
  type SessionCounts {
    total: Int!
    "Sessions not deactivated."
    active: Int!
  }

  type TaskStatusCount {
    status: TaskStatus!
    count: Int!
  }

  type TaskCounts {
    total: Int!
    "Every status in lifecycle order, 0 when no task has it."
    byStatus: [TaskStatusCount!]!
  }

  type MinerCounts {
    "Nodes the chain's events ever named."
    total: Int!
    "Nodes seen (named by any event) at or after activeSince and not REMOVED from the pool by their latest NodePool event."
    active: Int!
    activeWithinSeconds: Int!
    "Unix seconds: activeWithinSeconds before the last indexed block; null when nothing is indexed."
    activeSince: BigInt
  }

  type VerdictCount {
    verdict: String!
    count: Int!
  }

  type ValidationCounts {
    total: Int!
    "VALID, INVALID, RETRY, NEEDS_SPEC (0 when absent), then any UNKNOWN_<n> by name."
    byVerdict: [VerdictCount!]!
  }

  "Counts over one chain's sessions, tasks, miners and validations."
  type NetworkStats {
    chainId: Int!
    sessions: SessionCounts!
    tasks: TaskCounts!
    miners: MinerCounts!
    validations: ValidationCounts!
  }

  "Bucket size of a time series; buckets start at UTC hour or day boundaries."
  enum TimeInterval {
    HOUR
    DAY
  }

  type TaskTimeBucket {
    "Unix seconds the bucket starts at."
    start: BigInt!
    "Tasks queued in the bucket."
    submitted: Int!
    "Tasks ended in the bucket."
    ended: Int!
  }

  type TaskTimeSeries {
    chainId: Int!
    interval: TimeInterval!
    from: BigInt!
    to: BigInt!
    "Every bucket overlapping [from, to), empty ones included; edge buckets count only the part inside."
    buckets: [TaskTimeBucket!]!
  }

  "Latency in seconds; avg and percentiles are null when count is 0."
  type LatencyStats {
    count: Int!
    avg: Float
    "Median (percentile_cont)."
    p50: Float
    "95th percentile (percentile_cont)."
    p95: Float
  }

  type TaskLatency {
    chainId: Int!
    from: BigInt!
    to: BigInt!
    "Assignment to ack, over assignments assigned in [from, to)."
    ack: LatencyStats!
    "Ack (or assignment) to precommit, over assignments assigned in [from, to)."
    precommit: LatencyStats!
    "Precommit (or the latest earlier phase) to commit, over assignments assigned in [from, to)."
    commit: LatencyStats!
    "Queued to ended, over tasks queued in [from, to)."
    endToEnd: LatencyStats!
  }

  enum NodeRankingMetric {
    "Tasks committed."
    COMMITTED
    "tasksSucceeded / tasksEnded; nodes without an ended task are not ranked."
    SUCCESS_RATIO
  }

  type NodeRanking {
    "1-based position; equal scores are ordered by address."
    rank: Int!
    score: Float!
    node: Node!
  }

  "Counts of one chain's CognitiveV1 rounds."
  type CognitiveRoundStats {
    chainId: Int!
    total: Int!
    "Every phase in order, 0 when no round is in it."
    byPhase: [CognitivePhaseCount!]!
    "Average precommits per ENDED round; null when none ended."
    avgPrecommitCount: Float
    "Average commits per ENDED round; null when none ended."
    avgCommitCount: Float
  }

  type CognitivePhaseCount {
    phase: CognitivePhase!
    count: Int!
  }

  extend type Query {
    "Counts over one chain. A miner is active when seen within activeWithinSeconds (default a day) of the last indexed block and not REMOVED."
    networkStats(chainId: Int!, activeWithinSeconds: Int = ${DEFAULT_ACTIVE_WITHIN_SECONDS}): NetworkStats!
    "Tasks queued and ended per hour or day over [from, to) (unix seconds), at most ${MAX_BUCKETS} buckets."
    taskTimeSeries(chainId: Int!, interval: TimeInterval!, from: BigInt!, to: BigInt!): TaskTimeSeries!
    "Per-phase and end-to-end latency over [from, to) (unix seconds)."
    taskLatency(chainId: Int!, from: BigInt!, to: BigInt!): TaskLatency!
    "The chain's best nodes by a metric (first: default 10, at most ${MAX_LEADERBOARD_SIZE})."
    nodeLeaderboard(chainId: Int!, by: NodeRankingMetric = COMMITTED, first: Int): [NodeRanking!]!
    cognitiveRoundStats(chainId: Int!): CognitiveRoundStats!
  }
`;

interface WindowArgs {
  chainId: number;
  from: unknown;
  to: unknown;
}

/** Resolvers of the aggregates. */
export const aggregateResolvers = {
  Query: {
    networkStats: (
      _: unknown,
      args: { chainId: number; activeWithinSeconds: number },
      context: ApiContext,
    ) => {
      const window = Number(nonNegativeInt64(args.activeWithinSeconds, "activeWithinSeconds"));
      return networkStats(context.db, args.chainId, window);
    },
    taskTimeSeries: async (
      _: unknown,
      args: WindowArgs & { interval: TimeInterval },
      context: ApiContext,
    ) => {
      const window = timeWindowArgs(args);
      const buckets = await taskTimeSeries(context.db, args.chainId, window, args.interval);
      return { chainId: args.chainId, interval: args.interval, ...window, buckets };
    },
    taskLatency: async (_: unknown, args: WindowArgs, context: ApiContext) => {
      const window = timeWindowArgs(args);
      return {
        chainId: args.chainId,
        ...window,
        ...(await taskLatency(context.db, args.chainId, window)),
      };
    },
    nodeLeaderboard: async (
      _: unknown,
      args: { chainId: number; by: LeaderboardMetric; first?: number | null },
      context: ApiContext,
    ) => {
      const first = resolvePageSize(args.first ?? 10, MAX_LEADERBOARD_SIZE);
      const rankings = await nodeLeaderboard(context.db, args.chainId, args.by, first);
      const loader = context.loaders.rows(nodeSpec);
      for (const { node } of rankings) loader.prime([node.chainId, node.address], node);
      return rankings;
    },
    cognitiveRoundStats: (_: unknown, args: { chainId: number }, context: ApiContext) =>
      cognitiveRoundStats(context.db, args.chainId),
  },
};
