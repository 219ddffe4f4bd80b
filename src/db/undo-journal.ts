import { and, desc, eq, getTableColumns, getTableName, gt, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client.ts";
import { appendedTables, type KeyedTable, keyedTables } from "./projected-tables.ts";
import { toText, unnestOf } from "./rows-by-key.ts";
import { indexedBatches, undoJournal } from "./schema/index.ts";

/**
 * The undo journal (see schema/reorg.ts): what makes a batch above the final block reversible.
 * Pre-images are read by Postgres itself (`to_jsonb` of the stored row) and restored with
 * `jsonb_populate_record`, so every column type round-trips without passing through JavaScript.
 */

/** Keys per statement: bounds the parameter arrays, as in rows-by-key. */
const KEYS_PER_STATEMENT = 50_000;

/** Rows of one keyed table that a batch is about to write. */
export interface RowsToWrite {
  keyed: KeyedTable;
  rows: readonly object[];
}

const idList = (columns: readonly PgColumn[]) =>
  sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );

/** `t.k1 = k.k1 and t.k2 = k.k2 …` for the key columns. */
const keysMatch = (columns: readonly PgColumn[]) =>
  sql.join(
    columns.map((column) => {
      const id = sql.identifier(column.name);
      return sql`t.${id} = k.${id}`;
    }),
    sql` and `,
  );

/** The JavaScript property of each column of a Drizzle table. */
function propertiesOf(table: PgTable, columns: readonly PgColumn[]): string[] {
  const entries = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  return columns.map((column) => {
    const entry = entries.find(([, candidate]) => candidate === column);
    if (!entry) throw new Error(`column ${column.name} is not a column of ${getTableName(table)}`);
    return entry[0];
  });
}

/**
 * Records, for every row about to be written, the row as it is now (null when it does not exist
 * yet), under the batch that ends at `batchToBlock`. Must run in the batch's transaction, before
 * its writes; a row journaled twice for one batch keeps its first image.
 */
export async function recordPreImages(
  tx: Database,
  chainId: number,
  batchToBlock: bigint,
  writes: readonly RowsToWrite[],
): Promise<void> {
  for (const { keyed, rows } of writes) {
    const { table, key } = keyed;
    const properties = propertiesOf(table, key);
    for (let start = 0; start < rows.length; start += KEYS_PER_STATEMENT) {
      const part = rows.slice(start, start + KEYS_PER_STATEMENT) as Record<string, unknown>[];
      const arrays = key.map((column, i) =>
        part.map((row) => toText(column, row[properties[i] as string])),
      );
      await tx.execute(sql`
        insert into ${undoJournal} (chain_id, batch_to_block, table_name, row_key, pre_image)
        select ${chainId}, ${batchToBlock.toString()}::bigint, ${getTableName(table)}, to_jsonb(k), to_jsonb(t)
        from ${unnestOf(key, arrays)} as k(${idList(key)})
        left join ${table} t on ${keysMatch(key)}
        on conflict do nothing`);
    }
  }
}

/**
 * Undoes every batch that ends above `block`: rows updated in place get back the image they had
 * before the oldest of those batches (or are deleted if it created them), appended rows above
 * `block` are deleted, and the journal and batch list forget those batches. The caller moves the
 * checkpoint to `block` in the same transaction.
 */
export async function undoBatchesAbove(
  tx: Database,
  chainId: number,
  block: bigint,
): Promise<void> {
  const above = block.toString();
  for (const { table, key } of Object.values(keyedTables) as KeyedTable[]) {
    const oldestImages: SQL = sql`
      select distinct on (row_key) row_key, pre_image from ${undoJournal}
      where chain_id = ${chainId} and batch_to_block > ${above}::bigint
        and table_name = ${getTableName(table)}
      order by row_key, batch_to_block`;
    await tx.execute(sql`
      delete from ${table} t
      using (select (jsonb_populate_record(null::${table}, j.row_key)).* from (${oldestImages}) j) k
      where ${keysMatch(key)}`);
    await tx.execute(sql`
      insert into ${table}
      select (jsonb_populate_record(null::${table}, j.pre_image)).* from (${oldestImages}) j
      where j.pre_image is not null`);
  }
  for (const appended of appendedTables) {
    await tx.execute(sql`
      delete from ${appended.table}
      where ${appended.chainId} = ${chainId} and ${appended.blockNumber} > ${above}::bigint`);
  }
  await tx
    .delete(undoJournal)
    .where(and(eq(undoJournal.chainId, chainId), gt(undoJournal.batchToBlock, block)));
  await tx
    .delete(indexedBatches)
    .where(and(eq(indexedBatches.chainId, chainId), gt(indexedBatches.toBlock, block)));
}

export interface IndexedBatch {
  chainId: number;
  fromBlock: bigint;
  toBlock: bigint;
  toHash: string;
}

/**
 * Records a committed batch and forgets what can no longer be undone: journal entries of batches
 * ending at or below `finalized`, and every batch older than the newest such one (the anchor).
 */
export async function recordIndexedBatch(
  tx: Database,
  batch: IndexedBatch,
  finalized: bigint,
): Promise<void> {
  await tx
    .insert(indexedBatches)
    .values({ ...batch, toHash: batch.toHash.toLowerCase() })
    .onConflictDoUpdate({
      target: [indexedBatches.chainId, indexedBatches.toBlock],
      set: { fromBlock: batch.fromBlock, toHash: batch.toHash.toLowerCase() },
    });
  const final = finalized.toString();
  await tx.execute(sql`
    delete from ${undoJournal}
    where chain_id = ${batch.chainId} and batch_to_block <= ${final}::bigint`);
  await tx.execute(sql`
    delete from ${indexedBatches}
    where chain_id = ${batch.chainId} and to_block < (
      select max(to_block) from ${indexedBatches}
      where chain_id = ${batch.chainId} and to_block <= ${final}::bigint)`);
}

/** The chain's recorded batches, newest first. */
export async function readIndexedBatches(db: Database, chainId: number): Promise<IndexedBatch[]> {
  return db
    .select()
    .from(indexedBatches)
    .where(eq(indexedBatches.chainId, chainId))
    .orderBy(desc(indexedBatches.toBlock));
}
