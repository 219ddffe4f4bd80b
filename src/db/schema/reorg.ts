/**
 * What a reorg needs to undo unfinalized batches: the batches themselves and the rows they
 * changed as they were before.
 */
import { integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { blockNumber } from "./column-types.ts";

/**
 * The batches committed for a chain, newest last, each with the hash of its last block: a reorg's
 * fork point is the newest batch end still on the canonical chain.
 * Invariant: every batch above the chain's final block is here, and so is the newest batch at or
 * below it (the anchor a reorg may not cross); older ones are pruned.
 */
export const indexedBatches = pgTable(
  "indexed_batches",
  {
    chainId: integer("chain_id").notNull(),
    fromBlock: blockNumber("from_block").notNull(),
    toBlock: blockNumber("to_block").notNull(),
    toHash: text("to_hash").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.toBlock] })],
);

/**
 * The undo journal: for every row a batch above the final block updated in place, the row as it
 * was before that batch (`pre_image`, null when the batch created it), keyed by the table and the
 * row's primary key columns as a JSON object. Rows of batches at or below the final block are
 * pruned: nothing can undo them any more.
 */
export const undoJournal = pgTable(
  "undo_journal",
  {
    chainId: integer("chain_id").notNull(),
    batchToBlock: blockNumber("batch_to_block").notNull(),
    tableName: text("table_name").notNull(),
    rowKey: jsonb("row_key").notNull(),
    preImage: jsonb("pre_image"),
  },
  (table) => [
    primaryKey({
      columns: [table.chainId, table.batchToBlock, table.tableName, table.rowKey],
    }),
  ],
);
