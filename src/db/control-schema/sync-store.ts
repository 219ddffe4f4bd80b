import { bigint, index, integer, primaryKey, text } from "drizzle-orm/pg-core";
import { controlSchema } from "./phases.ts";

/**
 * The sync store: what was fetched from the chains, kept apart from any phase's domain tables so
 * that re-decoding, a new projection or a phase reset never asks the RPC again. Only final blocks
 * enter it (a reorg cannot change them). Fetch jobs fill it from any worker process; each chain's
 * projector reads it in block order.
 *
 * Invariant: for every row of `fetched_intervals`, `raw_logs` holds every log of that contract in
 * those blocks, and `raw_blocks` holds the header of the interval's last block. The three are
 * written in one transaction.
 */

/**
 * Every fetched log of a followed contract, decoded where an ABI matched. Columns mirror the
 * phases' `events` tables, so a projector moves rows with one INSERT … SELECT; JSON is kept as
 * text here (it is parsed once, on its way into `events`).
 */
export const rawLogs = controlSchema.table(
  "raw_logs",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: bigint("block_number", { mode: "bigint" }).notNull(),
    logIndex: integer("log_index").notNull(),
    blockHash: text("block_hash").notNull(),
    blockTimestamp: bigint("block_timestamp", { mode: "bigint" }).notNull(),
    txHash: text("tx_hash").notNull(),
    txIndex: integer("tx_index").notNull(),
    contractAddress: text("contract_address").notNull(),
    contractKind: text("contract_kind").notNull(),
    eventName: text("event_name"),
    abi: text("abi"),
    topic0: text("topic0"),
    /** JSON array of the topics, as text. */
    topics: text("topics").notNull(),
    data: text("data").notNull(),
    /** JSON object of the decoded arguments (uint256 as decimal strings), as text. */
    args: text("args"),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex] })],
);

/**
 * Block spans whose logs of one contract are all in `raw_logs` (both ends included). Adjacent
 * and overlapping spans are merged when written, so a chain's contract has few rows.
 */
export const fetchedIntervals = controlSchema.table(
  "fetched_intervals",
  {
    chainId: integer("chain_id").notNull(),
    /** Lower-case contract address. */
    address: text("address").notNull(),
    fromBlock: bigint("from_block", { mode: "bigint" }).notNull(),
    toBlock: bigint("to_block", { mode: "bigint" }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.address, table.fromBlock] }),
    index("fetched_intervals_to_idx").on(table.chainId, table.address, table.toBlock),
  ],
);

/** Headers of the last block of every fetched span: where a projector's batch may end. */
export const rawBlocks = controlSchema.table(
  "raw_blocks",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: bigint("block_number", { mode: "bigint" }).notNull(),
    hash: text("hash").notNull(),
    timestamp: bigint("timestamp", { mode: "bigint" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.blockNumber] })],
);

export type RawLogRow = typeof rawLogs.$inferSelect;

/** A contract as the store sees it: its lower-case address and the first block its logs count. */
export interface StoreContract {
  address: string;
  startBlock: bigint;
}
