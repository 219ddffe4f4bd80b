import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { taskAssignments, tasks } from "../../../db/schema/index.ts";
import type { TimeWindow } from "./arguments.ts";
import {
  type LatencyStats,
  latencyStatsColumns,
  type MinerPhase,
  minerPhaseLatencies,
  toLatencyStats,
} from "./latency-sql.ts";

/** Latency of each miner phase and of whole tasks over a window. */
export type TaskLatency = Record<MinerPhase | "endToEnd", LatencyStats>;

/**
 * Miner phases over the assignments assigned in the window (ack from assignment, precommit from
 * ack, commit from precommit), and end-to-end (queued → ended) over the tasks queued in it.
 */
export async function taskLatency(
  db: Database,
  chainId: number,
  window: TimeWindow,
): Promise<TaskLatency> {
  const phases = minerPhaseLatencies();
  const [[minerRow], [taskRow]] = await Promise.all([
    db
      .select({
        ack: latencyStatsColumns(phases.ack),
        precommit: latencyStatsColumns(phases.precommit),
        commit: latencyStatsColumns(phases.commit),
      })
      .from(taskAssignments)
      .where(
        and(
          eq(taskAssignments.chainId, chainId),
          gte(taskAssignments.assignedAt, window.from),
          lt(taskAssignments.assignedAt, window.to),
        ),
      ),
    db
      .select({ endToEnd: latencyStatsColumns(sql`${tasks.endedAt} - ${tasks.queuedAt}`) })
      .from(tasks)
      .where(
        and(
          eq(tasks.chainId, chainId),
          gte(tasks.queuedAt, window.from),
          lt(tasks.queuedAt, window.to),
        ),
      ),
  ]);
  if (!minerRow || !taskRow) throw new Error("an aggregate query returned no row");
  return {
    ack: toLatencyStats(minerRow.ack),
    precommit: toLatencyStats(minerRow.precommit),
    commit: toLatencyStats(minerRow.commit),
    endToEnd: toLatencyStats(taskRow.endToEnd),
  };
}
