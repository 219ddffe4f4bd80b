import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { blockNumber, phaseColumns, uint256, unixTime } from "./column-types.ts";

/**
 * One miner's part in one task: when it was assigned, acked, precommitted and committed, and how
 * it ended. `outcome` is PENDING until the task ends, then COMMITTED (in the final miner list),
 * DROPPED (committed but left out of it), or MISSED_ACK / MISSED_PRECOMMIT / MISSED_COMMIT.
 */
export const taskAssignments = pgTable(
  "task_assignments",
  {
    chainId: integer("chain_id").notNull(),
    sessionId: uint256("session_id").notNull(),
    taskId: uint256("task_id").notNull(),
    miner: text("miner").notNull(),
    assignedBlock: blockNumber("assigned_block").notNull(),
    assignedAt: unixTime("assigned_at").notNull(),
    ...phaseColumns(["acked", "precommitted", "committed"]),
    /** Null until the task ends; then whether `TaskEnded` listed the miner. */
    inFinalList: boolean("in_final_list"),
    outcome: text("outcome").notNull().default("PENDING"),
    /** Block of the outcome (the task's end). */
    outcomeBlock: blockNumber("outcome_block"),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.sessionId, table.taskId, table.miner] }),
    index("task_assignments_miner_idx").on(table.chainId, table.miner, table.assignedBlock),
    index("task_assignments_outcome_idx").on(table.chainId, table.outcomeBlock),
    // The phase times ride along so latency percentiles over a window are index-only scans.
    index("task_assignments_assigned_at_idx").on(
      table.chainId,
      table.assignedAt,
      table.ackedAt,
      table.precommittedAt,
      table.committedAt,
    ),
  ],
);

/**
 * Results read with `getTaskResults` / `getTaskResultsAndHashes` at the block of `TaskEnded`.
 * Results are often URNs of off-chain content rather than the content itself.
 */
export const taskResults = pgTable(
  "task_results",
  {
    chainId: integer("chain_id").notNull(),
    sessionId: uint256("session_id").notNull(),
    taskId: uint256("task_id").notNull(),
    miner: text("miner").notNull(),
    result: text("result").notNull(),
    resultHash: text("result_hash"),
    blockNumber: blockNumber("block_number").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.sessionId, table.taskId, table.miner] })],
);

/**
 * The result read of each ended task: PENDING until read, DONE, or FAILED after every retry (with
 * the error), so a missing result is always visible and never silently empty.
 */
export const taskResultFetches = pgTable(
  "task_result_fetches",
  {
    chainId: integer("chain_id").notNull(),
    sessionId: uint256("session_id").notNull(),
    taskId: uint256("task_id").notNull(),
    contractAddress: text("contract_address").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    status: text("status").notNull().default("PENDING"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /**
     * The worker round reading it now ("host/pid/uuid", sync/task-results/claim-result-fetches.ts)
     * and until when (the database's clock); null when no round holds it. Not part of the API.
     */
    claimedBy: text("claimed_by"),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.sessionId, table.taskId] }),
    // The claim of the oldest pending reads: an index scan in block order, not a sort of them all.
    index("task_result_fetches_pending_idx").on(table.chainId, table.status, table.blockNumber),
  ],
);
