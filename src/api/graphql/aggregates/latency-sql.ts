import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { taskAssignments as a } from "../../../db/schema/index.ts";
import { roundFloat } from "./arguments.ts";

/** Miner phases whose latency is measured from the phase before. */
export const MINER_PHASES = ["ack", "precommit", "commit"] as const;
export type MinerPhase = (typeof MINER_PHASES)[number];

/** A bigint bound as a typed parameter (PGlite and postgres.js both take the decimal text). */
export function int8(value: bigint): SQL {
  return sql`${value.toString()}::bigint`;
}

/** The phase's timestamp, or NULL when it was not reached (by `atBlock`, when given). */
function reachedAt(at: PgColumn, block: PgColumn, atBlock: bigint | undefined): SQL {
  return atBlock === undefined
    ? sql`${at}`
    : sql`case when ${block} <= ${int8(atBlock)} then ${at} end`;
}

/** An earlier phase's timestamp when it was reached no later than `block`. */
function earlierAt(at: PgColumn, earlierBlock: PgColumn, block: PgColumn): SQL {
  return sql`case when ${earlierBlock} <= ${block} then ${at} end`;
}

/**
 * Seconds each miner phase took, per assignment, as the projection counts them on the node:
 * from the latest earlier phase the miner had reached (else from its assignment). NULL when the
 * phase was not reached — by `atBlock` when one is given, so later blocks never change it.
 */
export function minerPhaseLatencies(atBlock?: bigint): Record<MinerPhase, SQL> {
  const acked = reachedAt(a.ackedAt, a.ackedBlock, atBlock);
  const precommitted = reachedAt(a.precommittedAt, a.precommittedBlock, atBlock);
  const committed = reachedAt(a.committedAt, a.committedBlock, atBlock);
  return {
    ack: sql`${acked} - ${a.assignedAt}`,
    precommit: sql`${precommitted} - coalesce(${earlierAt(a.ackedAt, a.ackedBlock, a.precommittedBlock)}, ${a.assignedAt})`,
    commit: sql`${committed} - coalesce(${earlierAt(a.precommittedAt, a.precommittedBlock, a.committedBlock)}, ${earlierAt(a.ackedAt, a.ackedBlock, a.committedBlock)}, ${a.assignedAt})`,
  };
}

/**
 * Aggregate columns of one latency (in seconds): how many rows have it, its mean, median and
 * 95th percentile. Postgres shares one sort between the two percentiles.
 */
export function latencyStatsColumns(latency: SQL) {
  return {
    count: sql<number>`count(${latency})`.mapWith(Number),
    avg: sql<number | null>`avg(${latency})::float8`,
    p50: sql<number | null>`percentile_cont(0.5) within group (order by ${latency})`,
    p95: sql<number | null>`percentile_cont(0.95) within group (order by ${latency})`,
  };
}

/** Latency statistics as the API returns them. */
export interface LatencyStats {
  count: number;
  avg: number | null;
  p50: number | null;
  p95: number | null;
}

/** Rounds a row of latencyStatsColumns for output. */
export function toLatencyStats(raw: LatencyStats): LatencyStats {
  return {
    count: raw.count,
    avg: roundFloat(raw.avg),
    p50: roundFloat(raw.p50),
    p95: roundFloat(raw.p95),
  };
}
