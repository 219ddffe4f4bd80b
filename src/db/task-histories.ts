import { type SQL, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { toText, unnestOf } from "./rows-by-key.ts";
import { taskHistories, tasks } from "./schema/index.ts";
import { jsonArrayAggSql, jsonObjectSql } from "./sql-json.ts";

/**
 * Keeps `task_histories` (see schema/task-histories.ts) equal to what its source tables say.
 * Every writer of a source table refreshes the parts it changed, in its own transaction, so an
 * export's snapshot always sees a history that matches the tables beside it.
 *
 * Two writers share a task's row: the projector (assignments, validations, the result read's
 * creation) and the result reader (results, the read's status). Each refreshes only the parts
 * whose sources it wrote, with `on conflict do update` of those columns alone, so one never
 * overwrites the other's part with a value computed from an older snapshot. The one part both
 * feed, `assignments` (miners from the projector, results from the reader), is kept right by the
 * reader holding its tasks' assignment rows `for share` from the moment it claims them: the
 * projector cannot change those rows under it, and a projector change made before waits to
 * commit ahead of the reader's refresh.
 */

/** A part of the history and the source tables it is built from. */
export type TaskHistoryPart = "assignments" | "validations" | "resultFetchStatus";

/** A task's key: chain id, session id and task id (decimal strings). */
export type TaskKey = readonly [chainId: number, sessionId: string, taskId: string];

const sameTask = (alias: string) =>
  `${alias}.chain_id = k.chain_id and ${alias}.session_id = k.session_id and ${alias}.task_id = k.task_id`;

/**
 * Each miner's part in the task, keyed like the GraphQL `TaskAssignment` fields, with the result
 * it returned where one was read; integers are decimal strings.
 */
const assignmentJson = jsonObjectSql([
  ["miner", "a.miner", "token"],
  ["status", "a.outcome", "token"],
  ["statusBlock", "a.outcome_block", "decimal"],
  ["assignedBlock", "a.assigned_block", "decimal"],
  ["assignedAt", "a.assigned_at", "decimal"],
  ["ackedBlock", "a.acked_block", "decimal"],
  ["ackedAt", "a.acked_at", "decimal"],
  ["precommittedBlock", "a.precommitted_block", "decimal"],
  ["precommittedAt", "a.precommitted_at", "decimal"],
  ["committedBlock", "a.committed_block", "decimal"],
  ["committedAt", "a.committed_at", "decimal"],
  ["inFinalList", "a.in_final_list", "literal"],
  ["result", "r.result", "text"],
  ["resultHash", "r.result_hash", "text"],
]);

/** A validator's verdict, keyed like the GraphQL `Validation` fields. */
const validationJson = jsonObjectSql([
  ["validator", "v.validator", "token"],
  ["miner", "v.miner", "token"],
  ["verdict", "v.verdict", "token"],
  ["score", "v.score", "decimal"],
  ["validatorSessionId", "v.validator_session_id", "decimal"],
  ["blockNumber", "v.block_number", "decimal"],
  ["logIndex", "v.log_index", "literal"],
  ["blockTimestamp", "v.block_timestamp", "decimal"],
]);

/** Each part's column and the SQL computing it for the task keyed `k`, from the index. */
const PARTS: Record<TaskHistoryPart, { column: string; value: string }> = {
  assignments: {
    column: "assignments",
    value: `(select ${jsonArrayAggSql(assignmentJson, "a.miner")}
      from task_assignments a
      left join task_results r on r.chain_id = a.chain_id and r.session_id = a.session_id
        and r.task_id = a.task_id and r.miner = a.miner
      where ${sameTask("a")})`,
  },
  validations: {
    column: "validations",
    value: `(select ${jsonArrayAggSql(validationJson, "v.block_number, v.log_index")}
      from validations v where ${sameTask("v")})`,
  },
  resultFetchStatus: {
    column: "result_fetch_status",
    value: `(select f.status from task_result_fetches f where ${sameTask("f")})`,
  },
};

const ALL_TASK_HISTORY_PARTS: readonly TaskHistoryPart[] = Object.keys(PARTS) as TaskHistoryPart[];

/** Upserts `parts` of the history of every task `keys` (a query of chain_id, session_id, task_id) yields. */
function refreshStatement(parts: readonly TaskHistoryPart[], keys: SQL): SQL {
  const columns = parts.map((part) => PARTS[part].column);
  return sql`
    insert into ${taskHistories} (chain_id, session_id, task_id, ${sql.raw(columns.join(", "))})
    select k.chain_id, k.session_id, k.task_id, ${sql.raw(parts.map((part) => PARTS[part].value).join(", "))}
    from (${keys}) k
    on conflict (chain_id, session_id, task_id) do update
    set ${sql.raw(columns.map((column) => `${column} = excluded.${column}`).join(", "))}`;
}

/** Keys per statement, as in rows-by-key: bounds the parameter arrays. */
const KEYS_PER_STATEMENT = 50_000;

const compareDecimals = (a: string, b: string) => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const compareKeys = (a: TaskKey, b: TaskKey) =>
  a[0] - b[0] || compareDecimals(a[1], b[1]) || compareDecimals(a[2], b[2]);

/** The keys once each, in key order: rows are then locked in one order by every writer. */
function distinctTaskKeys(keys: Iterable<TaskKey>): TaskKey[] {
  const unique = new Map<string, TaskKey>();
  for (const key of keys) unique.set(`${key[0]}:${key[1]}:${key[2]}`, key);
  return [...unique.values()].sort(compareKeys);
}

/**
 * Recomputes `parts` of the histories of the tasks `keys` from their source tables. Must run in
 * the transaction that wrote those sources, after the writes.
 *
 * @example
 * await refreshTaskHistories(tx, ["validations"], [[31337, "1", "0"]]);
 */
export async function refreshTaskHistories(
  db: Database,
  parts: readonly TaskHistoryPart[],
  keys: Iterable<TaskKey>,
): Promise<void> {
  if (parts.length === 0) return;
  const ordered = distinctTaskKeys(keys);
  const keyColumns = [taskHistories.chainId, taskHistories.sessionId, taskHistories.taskId];
  for (let start = 0; start < ordered.length; start += KEYS_PER_STATEMENT) {
    const part = ordered.slice(start, start + KEYS_PER_STATEMENT);
    const arrays = keyColumns.map((column, i) => part.map((key) => toText(column, key[i])));
    const keysQuery = sql`select * from ${unnestOf(keyColumns, arrays)} as k(chain_id, session_id, task_id)`;
    await db.execute(refreshStatement(parts, keysQuery));
  }
}

/**
 * Recomputes, for each task, the parts listed for it: `parts` pairs a part with the tasks whose
 * part changed. A task listed under several parts is refreshed by one statement for all of
 * them (one new row version, not one per part); tasks go in one statement per distinct set of
 * parts, the sets in a fixed order. Same transaction rule as refreshTaskHistories.
 *
 * @example
 * await refreshChangedTaskHistories(tx, [["assignments", [key]], ["validations", [key]]]);
 */
export async function refreshChangedTaskHistories(
  db: Database,
  parts: readonly (readonly [TaskHistoryPart, Iterable<TaskKey>])[],
): Promise<void> {
  const byTask = new Map<string, { key: TaskKey; parts: Set<TaskHistoryPart> }>();
  for (const [part, keys] of parts) {
    for (const key of keys) {
      const id = `${key[0]}:${key[1]}:${key[2]}`;
      const entry = byTask.get(id) ?? { key, parts: new Set<TaskHistoryPart>() };
      entry.parts.add(part);
      byTask.set(id, entry);
    }
  }
  const bySet = new Map<string, { parts: TaskHistoryPart[]; keys: TaskKey[] }>();
  for (const { key, parts: taskParts } of byTask.values()) {
    const ordered = ALL_TASK_HISTORY_PARTS.filter((part) => taskParts.has(part));
    const signature = ordered.join(",");
    const group = bySet.get(signature) ?? { parts: ordered, keys: [] };
    group.keys.push(key);
    bySet.set(signature, group);
  }
  const groups = [...bySet.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, group] of groups) await refreshTaskHistories(db, group.parts, group.keys);
}

/**
 * Rebuilds every task's history from the source tables: after rows were written around the
 * projection (tests, benchmarks, a hand repair) or when an index predating the table is migrated.
 */
export async function rebuildTaskHistories(db: Database): Promise<void> {
  await db.execute(sql`delete from ${taskHistories}`);
  await db.execute(
    refreshStatement(
      ALL_TASK_HISTORY_PARTS,
      sql`select chain_id, session_id, task_id from ${tasks} order by chain_id, session_id, task_id`,
    ),
  );
  // As the sync leaves them: a task none of the source tables mentions yet has no history row.
  await db.execute(sql`
    delete from ${taskHistories}
    where assignments is null and validations is null and result_fetch_status is null`);
}

/**
 * Builds the histories of an index migrated from before `task_histories` existed: it has tasks
 * and no history at all. A no-op afterwards (two `exists` probes).
 */
export async function buildMissingTaskHistories(db: Database): Promise<boolean> {
  const anyTask = await db.select({ one: sql`1` }).from(tasks).limit(1);
  const anyHistory = await db.select({ one: sql`1` }).from(taskHistories).limit(1);
  if (anyTask.length === 0 || anyHistory.length > 0) return false;
  await rebuildTaskHistories(db);
  return true;
}
