import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";

/**
 * Recomputes `task_status_counts` and `task_hourly_counts` from the tasks, for data written
 * without the projection (imports, repairs, test seeds). The projection keeps them current
 * otherwise. Runs as one transaction, so readers see the old or the new counters, never half.
 */
export async function rebuildTaskCounters(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from task_status_counts`);
    await tx.execute(sql`delete from task_hourly_counts`);
    await tx.execute(sql`
      insert into task_status_counts (chain_id, status, count)
      select chain_id, status, count(*) from tasks group by 1, 2`);
    await tx.execute(sql`
      insert into task_hourly_counts (chain_id, hour_start, queued, ended)
      select chain_id, hour_start, sum(queued), sum(ended) from (
        select chain_id, queued_at - queued_at % 3600 as hour_start, 1 as queued, 0 as ended
        from tasks where queued_at is not null
        union all
        select chain_id, ended_at - ended_at % 3600, 0, 1 from tasks where ended_at is not null
      ) as marks group by 1, 2`);
  });
}
