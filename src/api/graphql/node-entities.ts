import { nodePoolEvents, nodeReputationRecords, nodeStats, nodes } from "../../db/schema/index.ts";
import { tableEntitySpec } from "./table-spec.ts";

/** Miner nodes: one address per chain with its node id, pool state and task counters. */
export const nodeSpec = tableEntitySpec({
  typeName: "Node",
  table: nodes,
  primaryKey: ["chainId", "address"],
  kinds: { address: "address", nodeId: "hash" },
});

/** NodePool events, the history behind a node's pool state. */
export const nodePoolEventSpec = tableEntitySpec({
  typeName: "NodePoolEvent",
  table: nodePoolEvents,
  primaryKey: ["chainId", "blockNumber", "logIndex"],
  kinds: { nodeId: "hash", address: "address" },
});

/** NodeReputation records of a node id. */
export const nodeReputationRecordSpec = tableEntitySpec({
  typeName: "NodeReputationRecord",
  table: nodeReputationRecords,
  primaryKey: ["chainId", "blockNumber", "logIndex"],
  kinds: { nodeId: "hash" },
});

/** NodeStats counters of a node id. */
export const nodeStatsSpec = tableEntitySpec({
  typeName: "NodeStats",
  table: nodeStats,
  primaryKey: ["chainId", "nodeId"],
  kinds: { nodeId: "hash", address: "address" },
});
