import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { events, sessions, taskAssignments, tasks } from "../../../db/schema/index.ts";
import { selectRows } from "../../../db/select-rows.ts";
import { roundFloat } from "../aggregates/arguments.ts";
import { int8 } from "../aggregates/latency-sql.ts";

/** How far ended tasks fell short of their session's redundancy. */
export interface ReplicaDisagreement {
  /** Tasks ended by the block whose session redundancy was known then. */
  tasksEvaluated: number;
  /** Of those, tasks with fewer commits than the redundancy. */
  tasksUnderReplicated: number;
  /** Mean of (redundancy − commits) over the under-replicated tasks; null when there are none. */
  averageShortfall: number | null;
}

/**
 * The session's `redundant` as of `atBlock`. The row holds the latest SessionUpdated's value, which
 * is the answer when that update is at or below the block; otherwise the last update by then is
 * read from the stored events.
 */
function redundancyAsOf(atBlock: bigint): SQL {
  return sql`case when ${sessions.updatedBlock} <= ${int8(atBlock)} then ${sessions.redundant} else (
    select (su.args ->> 'redundant')::numeric from ${events} as su
    where su.chain_id = ${sessions.chainId}
      and su.contract_address = ${sessions.contractAddress}
      and su.event_name = 'SessionUpdated'
      and su.block_number <= ${int8(atBlock)}
      and su.args ->> 'sessionId' = ${sessions.sessionId}::text
    order by su.block_number desc, su.log_index desc
    limit 1) end`;
}

/**
 * Replica disagreement over the tasks of the `scoped` assignments that ended by `atBlock`:
 * commits by `atBlock` (of every miner of the task) against the session's redundancy then.
 */
export async function replicaDisagreement(
  db: Database,
  scoped: SQL,
  atBlock: bigint,
): Promise<ReplicaDisagreement> {
  const at = int8(atBlock);
  const [row] = await selectRows<{
    evaluated: number;
    under: number;
    shortfall: number | null;
  }>(
    db,
    sql`with scoped_tasks as (
        select distinct ${taskAssignments.chainId} as chain_id, ${taskAssignments.sessionId} as session_id,
          ${taskAssignments.taskId} as task_id
        from ${taskAssignments} where ${scoped}
      ), replicas as (
        select ${redundancyAsOf(atBlock)} as redundant,
          (select count(*) from ${taskAssignments} as c
            where c.chain_id = ${tasks.chainId} and c.session_id = ${tasks.sessionId}
              and c.task_id = ${tasks.taskId} and c.committed_block <= ${at}) as commits
        from scoped_tasks
        join ${tasks} on ${tasks.chainId} = scoped_tasks.chain_id
          and ${tasks.sessionId} = scoped_tasks.session_id and ${tasks.taskId} = scoped_tasks.task_id
        join ${sessions} on ${sessions.chainId} = ${tasks.chainId} and ${sessions.sessionId} = ${tasks.sessionId}
        where ${tasks.endedBlock} <= ${at}
      )
      select count(*)::int as evaluated,
        (count(*) filter (where commits < redundant))::int as under,
        (avg(redundant - commits) filter (where commits < redundant))::float8 as shortfall
      from replicas where redundant is not null`,
  );
  return {
    tasksEvaluated: row?.evaluated ?? 0,
    tasksUnderReplicated: row?.under ?? 0,
    averageShortfall: roundFloat(row?.shortfall),
  };
}
