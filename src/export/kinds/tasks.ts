import { type SQL, sql } from "drizzle-orm";
import { tasks } from "../../db/schema/index.ts";
import { TASK_STATUSES } from "../../projection/task-status.ts";
import { computedColumn, tableColumns } from "../columns.ts";
import { keyConditions, typedValue } from "../sql-conditions.ts";
import { jsonArrayAggSql, jsonObjectSql } from "../sql-json.ts";
import { COMMON_FILTERS, type ExportKind, type KeyFilters } from "./export-kind.ts";

/** Seconds between two phase times of the task; null until both were reached. */
const latency = (name: string, from: string, to: string) =>
  computedColumn(name, "int64", sql.raw(`t.${to}_at - t.${from}_at`));

/**
 * Each miner's part in the task, in miner order, with the result it returned where one was read.
 * Keys are the GraphQL `TaskAssignment` field names; integers are decimal strings.
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

/** Validator verdicts on the task in chain order, keyed like the GraphQL `Validation` fields. */
const validationsJson = jsonArrayAggSql(
  jsonObjectSql([
    ["validator", "v.validator", "token"],
    ["miner", "v.miner", "token"],
    ["verdict", "v.verdict", "token"],
    ["score", "v.score", "decimal"],
    ["validatorSessionId", "v.validator_session_id", "decimal"],
    ["blockNumber", "v.block_number", "decimal"],
    ["logIndex", "v.log_index", "literal"],
    ["blockTimestamp", "v.block_timestamp", "decimal"],
  ]),
  "v.block_number, v.log_index",
);

const sameTask = (alias: string) =>
  `${alias}.chain_id = t.chain_id and ${alias}.session_id = t.session_id and ${alias}.task_id = t.task_id`;

/**
 * Assignments and validations grouped per task, joined to the tasks by key. Both groupings read
 * their table in key order, so Postgres merges them with the tasks instead of looking each task
 * up: the export streams at the speed of a scan. Chain and session filters narrow them first.
 *
 * Assignments are aggregated from a subquery already in key (hence miner) order rather than with
 * `string_agg(… order by miner)`, which sorts every group and doubled the cost of the whole
 * export. Postgres aggregates rows in the order a sorted subquery yields them, and an export's plan
 * is never parallel (a cursor's never is; the snapshot session turns parallel plans off for COPY),
 * so the order holds.
 */
function historyFrom(keys: KeyFilters): SQL {
  return sql`tasks t
    left join sessions s on s.chain_id = t.chain_id and s.session_id = t.session_id
    left join (
      select chain_id, session_id, task_id, ${sql.raw(jsonArrayAggSql("assignment"))} as assignments
      from (
        select a.chain_id, a.session_id, a.task_id, ${sql.raw(assignmentJson)} as assignment
        from task_assignments a
        left join task_results r on r.chain_id = a.chain_id and r.session_id = a.session_id
          and r.task_id = a.task_id and r.miner = a.miner
        where ${keyConditions(keys, "a")}
        order by a.chain_id, a.session_id, a.task_id, a.miner
      ) a
      group by chain_id, session_id, task_id
    ) a on ${sql.raw(sameTask("a"))}
    left join task_result_fetches f on ${sql.raw(sameTask("f"))}
    left join (
      select v.chain_id, v.session_id, v.task_id, ${sql.raw(validationsJson)} as validations
      from validations v
      where ${keyConditions(keys, "v")}
      group by v.chain_id, v.session_id, v.task_id
    ) v on ${sql.raw(sameTask("v"))}`;
}

/**
 * The session history: one row per task with its session's fields, every lifecycle phase's block
 * and time, the latency of each phase, the assigned miners with each one's outcome and result,
 * the result read's status and the validators' verdicts.
 */
export const tasksExport: ExportKind = {
  name: "tasks",
  filters: [...COMMON_FILTERS, "session", "owner", "miner", "status"],
  statuses: TASK_STATUSES,
  meaning: {
    status: "the task's status",
    range: "the task was queued within it",
    miner: "the miner was assigned the task",
  },
  columns: [
    ...tableColumns(tasks, "t"),
    computedColumn("sessionOwner", "string", sql.raw("s.owner")),
    computedColumn("sessionSid", "string", sql.raw("s.sid")),
    computedColumn("sessionState", "string", sql.raw("s.state")),
    computedColumn("sessionRedundant", "uint256", sql.raw("s.redundant")),
    latency("queuedToAssignedSeconds", "queued", "assigned"),
    latency("assignedToAckedSeconds", "assigned", "acked"),
    latency("ackedToPrecommittedSeconds", "acked", "precommitted"),
    latency("precommittedToCommittedSeconds", "precommitted", "committed"),
    latency("committedToEndedSeconds", "committed", "ended"),
    latency("queuedToEndedSeconds", "queued", "ended"),
    computedColumn("assignments", "json", sql.raw("a.assignments")),
    computedColumn("resultFetchStatus", "string", sql.raw("f.status")),
    computedColumn("validations", "json", sql.raw("v.validations")),
  ],
  from: historyFrom,
  countFrom: sql.raw(
    "tasks t left join sessions s on s.chain_id = t.chain_id and s.session_id = t.session_id",
  ),
  orderBy: sql.raw("t.chain_id, t.session_id, t.task_id"),
  filterColumns: {
    chain: sql.raw("t.chain_id"),
    block: sql.raw("t.queued_block"),
    time: sql.raw("t.queued_at"),
    session: sql.raw("t.session_id"),
    owner: sql.raw("s.owner"),
    status: sql.raw("t.status"),
    miner: (address) =>
      sql`exists (select 1 from task_assignments m where ${sql.raw(sameTask("m"))} and m.miner = ${typedValue(address, "text")})`,
  },
};
