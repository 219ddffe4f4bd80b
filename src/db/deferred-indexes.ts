import { eq, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { deferredIndexes } from "./schema/index.ts";
import { selectRows } from "./select-rows.ts";
import { LOCK_NOT_AVAILABLE, sqlStateOf } from "./sql-state.ts";

/**
 * Secondary indexes that only the API's queries read: the sync reads every table it writes by
 * primary key (and `validations` by task, `task_result_fetches` by status, which stay). During a
 * phase's first backfill they are dropped and built again, in bulk, once the chain nears its
 * head, as Ponder does with the indexes of its historical sync: keeping them up to date row by
 * row is a tenth of a backfill's time, building them at the end a few seconds per million events.
 */
export const DEFERRABLE_INDEXES: readonly string[] = [
  "events_chain_name_idx",
  "events_contract_idx",
  "sessions_owner_idx",
  "sessions_created_idx",
  "tasks_status_idx",
  "tasks_global_idx",
  "tasks_queued_idx",
  "tasks_queued_desc_idx",
  "tasks_queued_at_idx",
  "tasks_ended_at_idx",
];

/** What pg_indexes says of an index: `CREATE [UNIQUE] INDEX name ON schema.table USING …`. */
const INDEX_DEFINITION = /^CREATE (UNIQUE )?INDEX /;

/**
 * Drops the deferrable indexes of the handle's schema that exist, each in a transaction of its own
 * that records its definition in `deferred_indexes` (one table locked at a time: a projector of
 * another chain writing meanwhile cannot deadlock with it).
 *
 * `mayDrop` runs first in each of those transactions: false leaves the index alone (the sync
 * passes a check that the phase is not archived, under the lock a reset's cut-over waits for).
 *
 * @returns the names of the indexes dropped.
 * @example
 * await deferIndexes(db); // ["events_chain_name_idx", …] on a fresh phase, [] after
 */
export async function deferIndexes(
  db: Database,
  mayDrop: (tx: Database) => Promise<boolean> = async () => true,
): Promise<string[]> {
  const present = await selectRows<{ indexname: string }>(
    db,
    sql`
    select indexname from pg_indexes
    where schemaname = current_schema() and indexname = any(${sql.param(DEFERRABLE_INDEXES)})`,
  );
  const dropped: string[] = [];
  for (const { indexname } of present) {
    const done = await db
      .transaction(async (tx) => {
        if (!(await mayDrop(tx))) return false;
        // DROP INDEX waits for every reader of the table (an export streams for minutes), and
        // every reader after it waits for it: it gives up instead, and the next job tries again.
        await tx.execute(sql`set local lock_timeout = '2s'`);
        const [index] = await selectRows<{ indexdef: string }>(
          tx,
          sql`select indexdef from pg_indexes
          where schemaname = current_schema() and indexname = ${indexname}`,
        );
        if (!index) return false;
        await tx
          .insert(deferredIndexes)
          .values({ indexName: indexname, definition: index.indexdef })
          .onConflictDoNothing();
        await tx.execute(sql`drop index if exists ${sql.identifier(indexname)}`);
        return true;
      })
      .catch((error: unknown) => {
        if (sqlStateOf(error) === LOCK_NOT_AVAILABLE) return false;
        throw error;
      });
    if (done) dropped.push(indexname);
  }
  return dropped;
}

/**
 * Builds every index listed in the handle's schema's `deferred_indexes` again, each in a
 * transaction of its own that also removes its row; a crash in between leaves the rest listed for
 * the next call. An index that exists already (a migration made it meanwhile) is kept as it is.
 *
 * @returns the names of the indexes built.
 */
export async function restoreDeferredIndexes(db: Database): Promise<string[]> {
  const listed = await db.select({ name: deferredIndexes.indexName }).from(deferredIndexes);
  const built: string[] = [];
  for (const { name } of listed) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(deferredIndexes)
        .where(eq(deferredIndexes.indexName, name))
        .for("update");
      if (!row) return false;
      if (!INDEX_DEFINITION.test(row.definition)) {
        throw new Error(`deferred index ${name} has an unexpected definition: ${row.definition}`);
      }
      // Postgres wrote the definition itself (pg_indexes), so it is trusted DDL; DDL takes no
      // parameters.
      await tx.execute(
        sql.raw(row.definition.replace(INDEX_DEFINITION, "CREATE $1INDEX IF NOT EXISTS ")),
      );
      await tx.delete(deferredIndexes).where(eq(deferredIndexes.indexName, name));
      return true;
    });
    if (done) built.push(name);
  }
  return built;
}

/** Whether any index of the handle's schema is deferred. */
export async function hasDeferredIndexes(db: Database): Promise<boolean> {
  const [row] = await db.select({ name: deferredIndexes.indexName }).from(deferredIndexes).limit(1);
  return row !== undefined;
}
