import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { unixTime } from "./column-types.ts";

/**
 * Tasks per status, kept by the projection in the transaction that changes the tasks, so the
 * network overview reads a handful of rows instead of counting a million tasks.
 * Invariant: for each chain and status, `count` = count(*) of tasks with that status.
 */
export const taskStatusCounts = pgTable(
  "task_status_counts",
  {
    chainId: integer("chain_id").notNull(),
    status: text("status").notNull(),
    count: integer("count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.status] })],
);

/**
 * Tasks queued and ended per UTC hour, kept like `task_status_counts`.
 * Invariant: `queued` = count of tasks whose queued_at falls in [hour_start, hour_start + 3600).
 */
export const taskHourlyCounts = pgTable(
  "task_hourly_counts",
  {
    chainId: integer("chain_id").notNull(),
    hourStart: unixTime("hour_start").notNull(),
    queued: integer("queued").notNull().default(0),
    ended: integer("ended").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.hourStart] })],
);
