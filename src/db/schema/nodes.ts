import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { blockNumber, uint256, unixTime } from "./column-types.ts";

/**
 * One miner/node address per chain with its pool state, level and task counters, kept current
 * by the projection. Latencies are kept as sums and counts so averages stay exact.
 */
export const nodes = pgTable(
  "nodes",
  {
    chainId: integer("chain_id").notNull(),
    address: text("address").notNull(),
    /** From NodePool / NodeStats events, which carry both the id and the address. */
    nodeId: text("node_id"),
    /** ADDED, EPHEMERAL, RESERVED, RELEASED, REMOVED or RESET, from the latest NodePool event. */
    poolState: text("pool_state"),
    poolUpdatedBlock: blockNumber("pool_updated_block"),
    lastExecutionAt: unixTime("last_execution_at"),
    /** CognitiveLevel level (NodeRegistered / NodeLevelChanged / ConsecutiveSuccessUpdated). */
    level: integer("level"),
    levelUpdatedBlock: blockNumber("level_updated_block"),
    consecutiveSuccess: uint256("consecutive_success"),
    /** CognitiveLevel `NodeMetricsUpdated` (network tasks, not user tasks). */
    cognitiveTasksCompleted: uint256("cognitive_tasks_completed"),
    cognitiveTasksSucceeded: uint256("cognitive_tasks_succeeded"),
    cognitiveTasksFailed: uint256("cognitive_tasks_failed"),
    /** CognitiveLevel `TaskReported`: the latest counts a cognitive module reported. */
    reportedTaskCount: uint256("reported_task_count"),
    reportedSuccessCount: uint256("reported_success_count"),
    /** NodeVersion `VersionReported`. */
    version: text("version"),
    tasksAssigned: integer("tasks_assigned").notNull().default(0),
    tasksAcked: integer("tasks_acked").notNull().default(0),
    tasksPrecommitted: integer("tasks_precommitted").notNull().default(0),
    tasksCommitted: integer("tasks_committed").notNull().default(0),
    tasksEnded: integer("tasks_ended").notNull().default(0),
    /** Ended tasks where the miner committed and was in the final list. */
    tasksSucceeded: integer("tasks_succeeded").notNull().default(0),
    missedAck: integer("missed_ack").notNull().default(0),
    missedPrecommit: integer("missed_precommit").notNull().default(0),
    missedCommit: integer("missed_commit").notNull().default(0),
    dropped: integer("dropped").notNull().default(0),
    ackLatencySum: unixTime("ack_latency_sum").notNull().default(sql`0`),
    precommitLatencySum: unixTime("precommit_latency_sum").notNull().default(sql`0`),
    commitLatencySum: unixTime("commit_latency_sum").notNull().default(sql`0`),
    firstSeenBlock: blockNumber("first_seen_block").notNull(),
    lastSeenBlock: blockNumber("last_seen_block").notNull(),
    lastSeenAt: unixTime("last_seen_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.address] }),
    index("nodes_node_id_idx").on(table.chainId, table.nodeId),
    index("nodes_committed_idx").on(table.chainId, table.tasksCommitted),
  ],
);

/** Every NodePool event, typed: the history behind `nodes.pool_state`. */
export const nodePoolEvents = pgTable(
  "node_pool_events",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    event: text("event").notNull(),
    nodeId: text("node_id"),
    address: text("address"),
    timestamp: uint256("timestamp"),
    mode: uint256("mode"),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex] }),
    index("node_pool_events_address_idx").on(table.chainId, table.address, table.blockNumber),
  ],
);

/** NodeReputation `StateRecorded` / `EphemeralStateSet`: success and failure history per node id. */
export const nodeReputationRecords = pgTable(
  "node_reputation_records",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    nodeId: text("node_id").notNull(),
    state: text("state").notNull(),
    success: boolean("success"),
    timestamp: uint256("timestamp").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex] }),
    index("node_reputation_node_idx").on(table.chainId, table.nodeId, table.blockNumber),
  ],
);

/** NodeStats counters, keyed by node id (its events name the node by id; pings add the address). */
export const nodeStats = pgTable(
  "node_stats",
  {
    chainId: integer("chain_id").notNull(),
    nodeId: text("node_id").notNull(),
    address: text("address"),
    pingCounter: uint256("ping_counter"),
    lastPingBlock: blockNumber("last_ping_block"),
    level: uint256("level"),
    resets: integer("resets").notNull().default(0),
    updatedBlock: blockNumber("updated_block").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.nodeId] })],
);
