import { sql } from "drizzle-orm";
import { tasks } from "../../db/schema/index.ts";
import { TASK_STATUSES } from "../../projection/task-status.ts";
import { computedColumn, tableColumns } from "../columns.ts";
import { typedValue } from "../sql-conditions.ts";
import { COMMON_FILTERS, type ExportKind } from "./export-kind.ts";

/** Seconds between two phase times of the task; null until both were reached. */
const latency = (name: string, from: string, to: string) =>
  computedColumn(name, "int64", sql.raw(`t.${to}_at - t.${from}_at`));

const sameTask = (alias: string) =>
  `${alias}.chain_id = t.chain_id and ${alias}.session_id = t.session_id and ${alias}.task_id = t.task_id`;

/**
 * The history's aggregated parts (assignments with results, validations, the result read) are
 * kept whole per task by the sync (db/task-histories.ts), so the export is a scan of the tasks
 * in key order merged with their sessions and histories: no per-task join or aggregation.
 */
const historyFrom = sql.raw(`tasks t
    left join sessions s on s.chain_id = t.chain_id and s.session_id = t.session_id
    left join task_histories h on ${sameTask("h")}`);

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
    computedColumn("assignments", "json", sql.raw("h.assignments")),
    computedColumn("resultFetchStatus", "string", sql.raw("h.result_fetch_status")),
    computedColumn("validations", "json", sql.raw("h.validations")),
  ],
  from: () => historyFrom,
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
