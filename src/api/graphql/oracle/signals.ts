import { and, count, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { taskAssignments as a } from "../../../db/schema/index.ts";
import type { AssignmentOutcome } from "../../../projection/handlers/task-outcome.ts";
import { roundFloat, type TimeWindow } from "../aggregates/arguments.ts";
import {
  int8,
  type LatencyStats,
  latencyStatsColumns,
  type MinerPhase,
  minerPhaseLatencies,
  toLatencyStats,
} from "../aggregates/latency-sql.ts";
import { type ReplicaDisagreement, replicaDisagreement } from "./replicas.ts";

/** What an oracle learns about a node or session as of a block. */
export interface OracleSignals {
  assignments: number;
  ended: number;
  pending: number;
  succeeded: number;
  dropped: number;
  successRatio: number | null;
  missedDeadlines: { ack: number; precommit: number; commit: number };
  latency: Record<MinerPhase, LatencyStats>;
  replicas: ReplicaDisagreement;
}

/**
 * The assignments an answer covers: those of the scope (a miner, a session) assigned in the
 * window by `atBlock`.
 */
function scopedAssignments(scope: SQL, window: TimeWindow, atBlock: bigint): SQL {
  return and(
    scope,
    lte(a.assignedBlock, atBlock),
    gte(a.assignedAt, window.from),
    lt(a.assignedAt, window.to),
  ) as SQL;
}

/** Assignments whose task had ended by `atBlock` (with `outcome`, when given). */
function settledCount(atBlock: bigint, outcome?: AssignmentOutcome) {
  const ofOutcome = outcome ? sql` and ${a.outcome} = ${outcome}` : sql``;
  return sql<number>`count(*) filter (where ${a.outcomeBlock} <= ${int8(atBlock)}${ofOutcome})`.mapWith(
    Number,
  );
}

/**
 * Signals over the scope's assignments using only facts recorded by `atBlock`: a phase counts if
 * its block is ≤ atBlock, an outcome if its block is; later rows and updates change nothing.
 */
export async function oracleSignals(
  db: Database,
  scope: SQL,
  window: TimeWindow,
  atBlock: bigint,
): Promise<OracleSignals> {
  const phases = minerPhaseLatencies(atBlock);
  const condition = scopedAssignments(scope, window, atBlock);
  const [[row], replicas] = await Promise.all([
    db
      .select({
        assignments: count(),
        ended: settledCount(atBlock),
        succeeded: settledCount(atBlock, "COMMITTED"),
        dropped: settledCount(atBlock, "DROPPED"),
        missedAck: settledCount(atBlock, "MISSED_ACK"),
        missedPrecommit: settledCount(atBlock, "MISSED_PRECOMMIT"),
        missedCommit: settledCount(atBlock, "MISSED_COMMIT"),
        ack: latencyStatsColumns(phases.ack),
        precommit: latencyStatsColumns(phases.precommit),
        commit: latencyStatsColumns(phases.commit),
      })
      .from(a)
      .where(condition),
    replicaDisagreement(db, condition, atBlock),
  ]);
  if (!row) throw new Error("an aggregate query returned no row");
  return {
    assignments: row.assignments,
    ended: row.ended,
    pending: row.assignments - row.ended,
    succeeded: row.succeeded,
    dropped: row.dropped,
    successRatio: row.ended === 0 ? null : roundFloat(row.succeeded / row.ended),
    missedDeadlines: {
      ack: row.missedAck,
      precommit: row.missedPrecommit,
      commit: row.missedCommit,
    },
    latency: {
      ack: toLatencyStats(row.ack),
      precommit: toLatencyStats(row.precommit),
      commit: toLatencyStats(row.commit),
    },
    replicas,
  };
}
