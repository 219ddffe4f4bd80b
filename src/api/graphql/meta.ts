import type { ChainCheckpointRow } from "../../db/schema/index.ts";
import { latestIndexedBlock, readChainCheckpoints } from "../chain-progress.ts";
import type { ApiContext } from "./context.ts";

/** SDL of `_meta`: indexing state per chain. */
export const metaTypeDefs = /* GraphQL */ `
  type BlockRef {
    number: BigInt!
    hash: String
    "Unix seconds."
    timestamp: BigInt
  }

  "Indexing state of one chain."
  type ChainStatus {
    chainId: Int!
    name: String!
    network: String!
    "First block the chain is indexed from."
    startBlock: BigInt!
    "Last fully indexed block; null before anything was indexed."
    latestBlock: BlockRef
    "Latest chain head seen from the RPC."
    headBlock: BigInt
    """
    The chain's final block when the last batch was written: indexed blocks up to here can no
    longer be undone by a reorg, those above it can. Null before anything was indexed.
    """
    finalizedBlock: BigInt
    "Whether the backfill reached the head."
    caughtUp: Boolean!
    hasIndexingErrors: Boolean!
    lastError: String
    "ISO 8601 time of the last error."
    lastErrorAt: String
  }

  type Meta {
    chains: [ChainStatus!]!
  }

  extend type Query {
    "Indexing state of every chain."
    _meta: Meta!
  }
`;

/** Resolvers of `_meta`, read from chain_checkpoints. */
export const metaResolvers = {
  Query: {
    _meta: async (_: unknown, __: unknown, context: ApiContext) => ({
      chains: await readChainCheckpoints(context.db),
    }),
  },
  ChainStatus: {
    name: (chain: ChainCheckpointRow) => chain.chainName,
    latestBlock: (chain: ChainCheckpointRow) => latestIndexedBlock(chain),
    caughtUp: (chain: ChainCheckpointRow) => chain.caughtUpAt !== null,
    hasIndexingErrors: (chain: ChainCheckpointRow) => chain.lastError !== null,
    lastErrorAt: (chain: ChainCheckpointRow) => chain.lastErrorAt?.toISOString() ?? null,
  },
};
