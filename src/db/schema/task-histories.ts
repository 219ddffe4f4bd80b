import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { uint256 } from "./column-types.ts";

/**
 * The parts of a task's session history that are built from other tables, kept whole so that an
 * export reads one row per task instead of joining and aggregating per task (see
 * db/task-histories.ts, which is the only writer). Derived data: every value can be rebuilt from
 * `task_assignments`, `task_results`, `validations` and `task_result_fetches`.
 *
 * The JSON is stored as text, not json/jsonb: the undo journal round-trips rows through jsonb,
 * which would reorder the keys of a jsonb value, and an export copies the text as it is.
 */
export const taskHistories = pgTable(
  "task_histories",
  {
    chainId: integer("chain_id").notNull(),
    sessionId: uint256("session_id").notNull(),
    taskId: uint256("task_id").notNull(),
    /** JSON array, one object per assigned miner in miner order, with its result where read. */
    assignments: text("assignments"),
    /** JSON array of the validators' verdicts on the task, in chain order. */
    validations: text("validations"),
    /** The status of the task's result read (`task_result_fetches.status`). */
    resultFetchStatus: text("result_fetch_status"),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.sessionId, table.taskId] })],
);
