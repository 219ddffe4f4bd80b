import type { nodes } from "../../db/schema/index.ts";
import { taskAssignmentSpec } from "./assignment-entities.ts";
import {
  nodeAssignments,
  nodePoolHistory,
  nodeReputationHistory,
  statsOfNode,
} from "./entity-relations.ts";
import {
  childPageResolver,
  listResolver,
  lookupResolver,
  relatedRowResolver,
} from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import {
  nodePoolEventSpec,
  nodeReputationRecordSpec,
  nodeSpec,
  nodeStatsSpec,
} from "./node-entities.ts";
import { entityTypeSdl, fieldSdl } from "./object-sdl.ts";

/** SDL of `Node` and its histories, the `nodes` list and `node` lookup. */
export const nodeTypeDefs = /* GraphQL */ `
  ${entityTypeSdl(nodeSpec, {
    description:
      "A miner node: one address per chain with its node id, pool state, level, version and counters of its user tasks.",
    fieldDescriptions: {
      poolState:
        "ADDED, EPHEMERAL, RESERVED, RELEASED, REMOVED or RESET, from the latest NodePool event.",
      level: "CognitiveLevel level.",
      tasksSucceeded: "Ended tasks the node committed and was kept in the final miner list.",
      dropped: "Ended tasks the node committed but was left out of the final miner list.",
      missedAck: "Ended tasks the node never acked.",
      missedPrecommit: "Ended tasks the node acked but never precommitted.",
      missedCommit: "Ended tasks the node precommitted but never committed.",
      ackLatencySum: "Seconds from assignment to ack, summed over acked tasks.",
      precommitLatencySum: "Seconds from ack to precommit, summed over precommitted tasks.",
      commitLatencySum: "Seconds from precommit to commit, summed over committed tasks.",
    },
    extraFields: [
      fieldSdl("tasksSucceeded / tasksEnded; null before any task ended.", "successRatio: Float"),
      fieldSdl(
        "Average seconds from assignment to ack; null before any ack.",
        "avgAckLatency: Float",
      ),
      fieldSdl(
        "Average seconds from ack to precommit; null before any precommit.",
        "avgPrecommitLatency: Float",
      ),
      fieldSdl(
        "Average seconds from precommit to commit; null before any commit.",
        "avgCommitLatency: Float",
      ),
      fieldSdl(
        "The miner's task assignments, oldest first unless orderBy/orderDirection say otherwise.",
        listFieldSdl("assignments", taskAssignmentSpec),
      ),
      fieldSdl(
        "NodeReputation records of the node's id; empty while the id is unknown.",
        listFieldSdl("reputationHistory", nodeReputationRecordSpec),
      ),
      fieldSdl("NodeStats counters of the node's id.", "stats: NodeStats"),
      fieldSdl("NodePool events of the address.", listFieldSdl("poolHistory", nodePoolEventSpec)),
    ],
  })}

  ${entityTypeSdl(nodePoolEventSpec, { description: "A NodePool event." })}

  ${entityTypeSdl(nodeReputationRecordSpec, {
    description: "A NodeReputation StateRecorded (or EphemeralStateSet, state EPHEMERAL) record.",
  })}

  ${entityTypeSdl(nodeStatsSpec, {
    description: "NodeStats counters of a node id.",
    fieldDescriptions: { resets: "Number of NodeReset events." },
  })}

  ${listTypesSdl(nodeSpec)}

  ${listTypesSdl(nodePoolEventSpec)}

  ${listTypesSdl(nodeReputationRecordSpec)}

  extend type Query {
    ${listFieldSdl("nodes", nodeSpec)}
    node(chainId: Int!, address: String!): Node
  }
`;

type NodeRow = typeof nodes.$inferSelect;

/** `sum / count`, or null when nothing was counted. */
function ratio(sum: number | bigint, count: number): number | null {
  return count === 0 ? null : Number(sum) / count;
}

/** Resolvers of the node queries and the computed Node fields. */
export const nodeResolvers = {
  Query: {
    nodes: listResolver(nodeSpec),
    node: lookupResolver(nodeSpec),
  },
  Node: {
    successRatio: (node: NodeRow) => ratio(node.tasksSucceeded, node.tasksEnded),
    avgAckLatency: (node: NodeRow) => ratio(node.ackLatencySum, node.tasksAcked),
    avgPrecommitLatency: (node: NodeRow) => ratio(node.precommitLatencySum, node.tasksPrecommitted),
    avgCommitLatency: (node: NodeRow) => ratio(node.commitLatencySum, node.tasksCommitted),
    assignments: childPageResolver(nodeAssignments),
    reputationHistory: childPageResolver(nodeReputationHistory),
    stats: relatedRowResolver(statsOfNode),
    poolHistory: childPageResolver(nodePoolHistory),
  },
};
