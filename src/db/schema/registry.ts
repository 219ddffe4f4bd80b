import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { blockNumber, uint256 } from "./column-types.ts";

/** Routers registered on a SessionV2 contract (its router events name no session). */
export const routers = pgTable(
  "routers",
  {
    chainId: integer("chain_id").notNull(),
    contractAddress: text("contract_address").notNull(),
    routerAddress: text("router_address").notNull(),
    routerInfo: text("router_info"),
    /** ACTIVE or REMOVED. */
    state: text("state").notNull(),
    addedBlock: blockNumber("added_block"),
    updatedBlock: blockNumber("updated_block").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.contractAddress, table.routerAddress] })],
);

/** Dedicated nodes whitelisted on a SessionV2 contract. */
export const dedicatedNodes = pgTable(
  "dedicated_nodes",
  {
    chainId: integer("chain_id").notNull(),
    contractAddress: text("contract_address").notNull(),
    nodeAddress: text("node_address").notNull(),
    /** ACTIVE or REMOVED. */
    state: text("state").notNull(),
    addedBlock: blockNumber("added_block"),
    updatedBlock: blockNumber("updated_block").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.contractAddress, table.nodeAddress] })],
);

/**
 * Session node membership changes: `NewNodeAssignedToSession` (one row per address) and
 * `NodeReleased` (by node id). Kept as history: the release names a node id, not an address.
 */
export const sessionNodeChanges = pgTable(
  "session_node_changes",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    position: integer("position").notNull(),
    sessionId: uint256("session_id").notNull(),
    /** ASSIGNED or RELEASED. */
    change: text("change").notNull(),
    nodeAddress: text("node_address"),
    nodeId: text("node_id"),
    assignmentType: uint256("assignment_type"),
    newNodeCount: uint256("new_node_count"),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockNumber, table.logIndex, table.position] }),
    index("session_node_changes_session_idx").on(table.chainId, table.sessionId),
  ],
);

/**
 * Contract-wide settings and housekeeping events (ownership, thresholds, windows, resets):
 * the latest value per contract and setting.
 */
export const contractSettings = pgTable(
  "contract_settings",
  {
    chainId: integer("chain_id").notNull(),
    contractAddress: text("contract_address").notNull(),
    setting: text("setting").notNull(),
    value: text("value").notNull(),
    updatedBlock: blockNumber("updated_block").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.contractAddress, table.setting] })],
);
