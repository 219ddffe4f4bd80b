import { sql } from "drizzle-orm";
import { sessions } from "../../db/schema/index.ts";
import { computedColumn, tableColumns } from "../columns.ts";
import { keyConditions } from "../sql-conditions.ts";
import { COMMON_FILTERS, type ExportKind } from "./export-kind.ts";

/**
 * Sessions with every stored field and their task count. The count is a grouped scan of the
 * tasks key merged with the sessions in key order, not a lookup per session.
 */
export const sessionsExport: ExportKind = {
  name: "sessions",
  filters: [...COMMON_FILTERS, "session", "owner", "status"],
  statuses: ["ACTIVE", "DEACTIVATED"],
  meaning: { status: "the session's state", range: "the session was created within it" },
  columns: [
    ...tableColumns(sessions, "s"),
    computedColumn("taskCount", "int32", sql.raw("coalesce(c.task_count, 0)::int")),
  ],
  from: (keys) => sql`sessions s left join (
      select chain_id, session_id, count(*) as task_count from tasks
      where ${keyConditions(keys)}
      group by chain_id, session_id
    ) c on c.chain_id = s.chain_id and c.session_id = s.session_id`,
  countFrom: sql.raw("sessions s"),
  orderBy: sql.raw("s.chain_id, s.session_id"),
  filterColumns: {
    chain: sql.raw("s.chain_id"),
    block: sql.raw("s.created_block"),
    time: sql.raw("s.created_at"),
    session: sql.raw("s.session_id"),
    owner: sql.raw("s.owner"),
    status: sql.raw("s.state"),
  },
};
