import type { IndexerStatusService } from "../../status/indexer-status-service.ts";
import { ClientError } from "../errors.ts";
import type { ApiContext } from "./context.ts";

/** SDL of `indexerStatus`: the incident runbook's first checks (same report as `status`). */
export const indexerStatusTypeDefs = /* GraphQL */ `
  "The index phase a status describes."
  type IndexerPhase {
    id: String!
    status: String!
    serving: Boolean!
    "The network the phase records (a reset may have changed it from the API's)."
    network: String!
  }

  "A contract of the network file: indexed from its start block, or not yet and why."
  type IndexerContract {
    kind: String!
    abi: String
    address: String
    startBlock: BigInt
    indexed: Boolean!
    reason: String
  }

  "One RPC URL's health, probed at most every few seconds."
  type RpcEndpointStatus {
    "The URL's origin only: providers put API keys in the path."
    url: String!
    "Reachable and answering for the configured chain."
    ok: Boolean!
    reachable: Boolean!
    chainId: Int
    chainIdMatches: Boolean
    head: BigInt
    latencyMs: Int
    error: String
  }

  "How far a chain is indexed."
  type ChainIndexingStatus {
    lastIndexedBlock: BigInt!
    "Final blocks fetched into the sync store up to here; those above lastIndexedBlock wait for the projector."
    fetchedThroughBlock: BigInt!
    headBlock: BigInt
    lagBlocks: BigInt
    "Seconds since the last indexed block's timestamp."
    lagSeconds: Int
    caughtUp: Boolean!
    lastError: String
    "ISO 8601 time of the last error."
    lastErrorAt: String
  }

  type IndexerChainStatus {
    chainId: Int!
    name: String!
    layer: String!
    finalityDepth: Int!
    "Some RPC URL answers for the chain and its last sync round did not fail."
    healthy: Boolean!
    contracts: [IndexerContract!]!
    rpc: [RpcEndpointStatus!]!
    "Null before the chain's first sync round."
    indexing: ChainIndexingStatus
  }

  type QueueJobCounts {
    waiting: Int!
    active: Int!
    delayed: Int!
    failed: Int!
  }

  "One job kind's counts (chain-sync, task-results)."
  type QueueJobKindCounts {
    job: String!
    waiting: Int!
    active: Int!
    delayed: Int!
    failed: Int!
  }

  "The work queue; counts are null when it could not be read (see error)."
  type IndexerQueueStatus {
    name: String!
    kind: String!
    paused: Boolean
    total: QueueJobCounts
    "Jobs that ever failed on the queue, all worker processes together."
    failuresTotal: Float
    byJob: [QueueJobKindCounts!]!
    error: String
  }

  type IndexerStatus {
    "The network this API was started with."
    network: String!
    "The phase read (the serving one unless the query names another); null without phases."
    phase: IndexerPhase
    "Every chain is healthy."
    healthy: Boolean!
    chains: [IndexerChainStatus!]!
    "Null when the API has no shared queue to read (no REDIS_URL)."
    queue: IndexerQueueStatus
  }

  extend type Query {
    "Selected network, contract matrix, RPC health, lag, last errors and queue state."
    indexerStatus: IndexerStatus!
  }
`;

/** What the app hands every GraphQL request (yoga's server context) to answer `indexerStatus`. */
export interface IndexerStatusContext {
  indexerStatus?: IndexerStatusService;
}

/** The API was started without a network, so it cannot say what it should be indexing. */
export class IndexerStatusUnavailableError extends ClientError {
  override get extensions(): Record<string, unknown> {
    return { code: "NOT_AVAILABLE" };
  }
}

/** Resolvers of `indexerStatus`; the report's fields map one to one onto the SDL. */
export const indexerStatusResolvers = {
  Query: {
    indexerStatus: (_: unknown, __: unknown, context: ApiContext & IndexerStatusContext) => {
      if (!context.indexerStatus) {
        throw new IndexerStatusUnavailableError(
          "indexerStatus: this API was started without a network configuration",
        );
      }
      return context.indexerStatus.collect(context.db, context.phase);
    },
  },
};
