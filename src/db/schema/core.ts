/** Chain checkpoints, the raw event store, sessions and tasks. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

import { blockNumber, phaseColumns, uint256, unixTime } from "./column-types.ts";

/**
 * One row per indexed chain: how far indexing got and what went wrong.
 * Invariant: every event with block_number ≤ last_indexed_block has been stored and projected,
 * and nothing above it has; the row is updated in the same transaction as the data.
 */
export const chainCheckpoints = pgTable("chain_checkpoints", {
  chainId: integer("chain_id").primaryKey(),
  network: text("network").notNull(),
  chainName: text("chain_name").notNull(),
  /** First block the chain is indexed from (lowest contract start block). */
  startBlock: blockNumber("start_block").notNull(),
  /** Last fully indexed block; start_block − 1 before anything was indexed. */
  lastIndexedBlock: blockNumber("last_indexed_block").notNull(),
  lastIndexedHash: text("last_indexed_hash"),
  lastIndexedTimestamp: unixTime("last_indexed_timestamp"),
  /** Latest chain head seen from the RPC. */
  headBlock: blockNumber("head_block"),
  /**
   * The chain's final block when the last batch was written: blocks up to here can no longer be
   * reorganised (null before the first batch; indexes older than the undo journal stopped there).
   */
  finalizedBlock: blockNumber("finalized_block"),
  /** When indexing first reached the (finality-adjusted) head: backfill done. */
  caughtUpAt: timestamp("caught_up_at", { withTimezone: true }),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every log of every followed contract, decoded where an ABI matches and raw otherwise.
 * The key (chain_id, block_number, log_index) makes writes idempotent: a replayed range inserts nothing.
 */
export const events = pgTable(
  "events",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    blockHash: text("block_hash").notNull(),
    blockTimestamp: unixTime("block_timestamp").notNull(),
    txHash: text("tx_hash").notNull(),
    txIndex: integer("tx_index").notNull(),
    contractAddress: text("contract_address").notNull(),
    contractKind: text("contract_kind").notNull(),
    /** Null when topic0 matches no event of any known ABI generation of the contract. */
    eventName: text("event_name"),
    /** ABI generation that decoded the log (null when undecoded). */
    abi: text("abi"),
    topic0: text("topic0"),
    topics: jsonb("topics").$type<string[]>().notNull(),
    data: text("data").notNull(),
    /** Decoded arguments, uint256 as decimal strings; null when undecoded. */
    args: jsonb("args").$type<Record<string, unknown>>(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex] }),
    index("events_chain_name_idx").on(table.chainId, table.eventName, table.blockNumber),
    index("events_contract_idx").on(table.contractAddress, table.blockNumber),
  ],
);

/** A user session of SessionV2, created by `SessionCreated` and changed by later session events. */
export const sessions = pgTable(
  "sessions",
  {
    chainId: integer("chain_id").notNull(),
    sessionId: uint256("session_id").notNull(),
    contractAddress: text("contract_address").notNull(),
    sid: text("sid"),
    owner: text("owner"),
    /** Miners named when the session was created. */
    miners: jsonb("miners").$type<string[]>(),
    minNumOfNodes: uint256("min_num_of_nodes"),
    maxNumOfNodes: uint256("max_num_of_nodes"),
    redundant: uint256("redundant"),
    /** ACTIVE until `SessionDeactivated`. */
    state: text("state").notNull().default("ACTIVE"),
    createdBlock: blockNumber("created_block"),
    createdAt: unixTime("created_at"),
    createdTx: text("created_tx"),
    updatedBlock: blockNumber("updated_block"),
    deactivatedBlock: blockNumber("deactivated_block"),
    /** Last `AllRoutersRemoved` of the session. */
    routersClearedBlock: blockNumber("routers_cleared_block"),
    /** Gen1 sessions held balances: sums of `DepositToSession` / `WithdrawFromSession`. */
    deposited: uint256("deposited").notNull().default("0"),
    withdrawn: uint256("withdrawn").notNull().default("0"),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.sessionId] }),
    index("sessions_owner_idx").on(table.chainId, table.owner),
    index("sessions_created_idx").on(table.chainId, table.createdBlock),
  ],
);

/** Task lifecycle phases, each with a `<phase>Block` and `<phase>At` column on `tasks`. */
export const TASK_PHASES = [
  "submitted",
  "queued",
  "assigned",
  "acked",
  "precommitted",
  "committed",
  "ended",
] as const;

/**
 * A task of a session. Status only moves forward (see projection/task-status.ts); each phase keeps
 * the block and timestamp of the first event that reached it.
 */
export const tasks = pgTable(
  "tasks",
  {
    chainId: integer("chain_id").notNull(),
    sessionId: uint256("session_id").notNull(),
    taskId: uint256("task_id").notNull(),
    globalId: uint256("global_id"),
    status: text("status").notNull(),
    taskData: text("task_data"),
    clientReference: text("client_reference"),
    /** Miners of the latest queue `TaskAssigned`. */
    miners: jsonb("miners").$type<string[]>(),
    /** Miners listed by `TaskEnded`. */
    finalMiners: jsonb("final_miners").$type<string[]>(),
    ackCount: integer("ack_count").notNull().default(0),
    precommitCount: integer("precommit_count").notNull().default(0),
    commitCount: integer("commit_count").notNull().default(0),
    ...phaseColumns(TASK_PHASES),
    /** Node ids of SessionV2's own `TaskAssigned(bytes32[])`. */
    nodeIds: jsonb("node_ids").$type<string[]>(),
    ...phaseColumns(["precommitEnded", "commitEnded"]),
    allPrecommittedBlock: blockNumber("all_precommitted_block"),
    allPrecommittedMiners: jsonb("all_precommitted_miners").$type<string[]>(),
    allCommittedBlock: blockNumber("all_committed_block"),
    allCommittedMiners: jsonb("all_committed_miners").$type<string[]>(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.sessionId, table.taskId] }),
    index("tasks_status_idx").on(table.chainId, table.status),
    index("tasks_global_idx").on(table.chainId, table.globalId),
    index("tasks_queued_idx").on(table.chainId, table.queuedBlock),
    // The API sorts nullable columns NULLS LAST both ways: "latest tasks" needs its own order.
    index("tasks_queued_desc_idx").on(table.chainId, table.queuedBlock.desc().nullsLast()),
    // ended_at rides along so end-to-end latency over a window is an index-only scan.
    index("tasks_queued_at_idx").on(table.chainId, table.queuedAt, table.endedAt),
    index("tasks_ended_at_idx").on(table.chainId, table.endedAt),
  ],
);

export type EventRow = typeof events.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type ChainCheckpointRow = typeof chainCheckpoints.$inferSelect;

/**
 * Hashes of indexed blocks: every block that has events, and every block a checkpoint ended at.
 * Answers "as of block N" queries with the block they reflect (oracle path).
 */
export const blockHashes = pgTable(
  "block_hashes",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    hash: text("hash").notNull(),
    timestamp: unixTime("timestamp").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.blockNumber] })],
);
