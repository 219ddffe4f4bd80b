import { count, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import {
  chainCheckpoints,
  nodes,
  sessions,
  taskStatusCounts,
  validations,
} from "../../../db/schema/index.ts";
import { TASK_STATUSES } from "../../../projection/task-status.ts";
import { VALIDATION_VERDICTS } from "../../../projection/validation-mapping.ts";

/** A day: how recently a miner must have been seen to count as active, unless the query says. */
export const DEFAULT_ACTIVE_WITHIN_SECONDS = 86_400;

/** Counts of one chain's sessions, tasks, miners and validations. */
export interface NetworkStats {
  chainId: number;
  sessions: { total: number; active: number };
  tasks: { total: number; byStatus: { status: string; count: number }[] };
  miners: {
    total: number;
    active: number;
    activeWithinSeconds: number;
    activeSince: bigint | null;
  };
  validations: { total: number; byVerdict: { verdict: string; count: number }[] };
}

/** Every key of `known` in order with its count (0 when absent), then any other key by name. */
function countsInOrder<TKey extends string>(
  rows: { key: string; count: number }[],
  known: readonly string[],
  name: TKey,
): ({ count: number } & Record<TKey, string>)[] {
  const counts = new Map(rows.map((row) => [row.key, row.count]));
  const others = [...counts.keys()].filter((key) => !known.includes(key)).sort();
  return [...known, ...others].map(
    (key) =>
      ({ [name]: key, count: counts.get(key) ?? 0 }) as { count: number } & Record<TKey, string>,
  );
}

const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);

/**
 * Miners: every node row of the chain. Active: seen (any event naming it) within
 * `activeWithinSeconds` before the chain's last indexed block (or its latest node event before
 * anything is checkpointed), and not REMOVED from the pool by its latest NodePool event.
 */
function minerCounts(db: Database, chainId: number, activeWithinSeconds: number) {
  const tip = sql`coalesce(
    (select ${chainCheckpoints.lastIndexedTimestamp} from ${chainCheckpoints} where ${chainCheckpoints.chainId} = ${chainId}),
    (select max(${nodes.lastSeenAt}) from ${nodes} where ${nodes.chainId} = ${chainId}))`;
  const since = sql`(${tip} - ${activeWithinSeconds}::bigint)`;
  return db
    .select({
      total: count(),
      active:
        sql<number>`count(*) filter (where ${nodes.poolState} is distinct from 'REMOVED' and ${nodes.lastSeenAt} >= ${since})`.mapWith(
          Number,
        ),
      activeSince: sql<bigint | null>`${since}`,
    })
    .from(nodes)
    .where(eq(nodes.chainId, chainId));
}

/** Sessions, tasks by status, miners and validations by verdict of one chain, counted in SQL. */
export async function networkStats(
  db: Database,
  chainId: number,
  activeWithinSeconds: number,
): Promise<NetworkStats> {
  const [[sessionCounts], taskRows, [miners], verdictRows] = await Promise.all([
    db
      .select({
        total: count(),
        active: sql<number>`count(*) filter (where ${sessions.state} = 'ACTIVE')`.mapWith(Number),
      })
      .from(sessions)
      .where(eq(sessions.chainId, chainId)),
    // Kept by the projection: a few rows instead of counting every task.
    db
      .select({ key: taskStatusCounts.status, count: taskStatusCounts.count })
      .from(taskStatusCounts)
      .where(eq(taskStatusCounts.chainId, chainId)),
    minerCounts(db, chainId, activeWithinSeconds),
    db
      .select({ key: validations.verdict, count: count() })
      .from(validations)
      .where(eq(validations.chainId, chainId))
      .groupBy(validations.verdict),
  ]);
  return {
    chainId,
    sessions: sessionCounts ?? { total: 0, active: 0 },
    tasks: { total: sum(taskRows), byStatus: countsInOrder(taskRows, TASK_STATUSES, "status") },
    miners: {
      total: miners?.total ?? 0,
      active: miners?.active ?? 0,
      activeWithinSeconds,
      activeSince: miners?.activeSince ?? null,
    },
    validations: {
      total: sum(verdictRows),
      byVerdict: countsInOrder(verdictRows, VALIDATION_VERDICTS, "verdict"),
    },
  };
}
