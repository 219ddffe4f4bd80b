import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { blockNumber, uint256, unixTime } from "./column-types.ts";

/**
 * Validator verdicts on task results, from the provisional SessionQueueValidation ABI
 * (see abis/SessionQueueValidation.provisional.ts and projection/validation-mapping.ts).
 */
export const validations = pgTable(
  "validations",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    blockTimestamp: unixTime("block_timestamp").notNull(),
    validatorSessionId: uint256("validator_session_id").notNull(),
    sessionId: uint256("session_id").notNull(),
    taskId: uint256("task_id").notNull(),
    validator: text("validator").notNull(),
    miner: text("miner"),
    /** VALID, INVALID, RETRY or NEEDS_SPEC (UNKNOWN_<n> for a value outside the enum). */
    verdict: text("verdict").notNull(),
    score: uint256("score"),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex] }),
    index("validations_task_idx").on(table.chainId, table.sessionId, table.taskId),
    index("validations_miner_idx").on(table.chainId, table.miner),
    index("validations_verdict_idx").on(table.chainId, table.verdict),
  ],
);
