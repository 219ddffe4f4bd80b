import type { EventRow } from "../../db/schema/index.ts";
import { eventSpec } from "./entities.ts";
import { listResolver } from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";

/** SDL of `Event` and the `events` list. */
export const eventTypeDefs = /* GraphQL */ `
  "A log of a followed contract, decoded when an ABI matched."
  type Event {
    chainId: Int!
    blockNumber: BigInt!
    logIndex: Int!
    blockHash: String!
    "Unix seconds."
    blockTimestamp: BigInt!
    txHash: String!
    txIndex: Int!
    contractAddress: String!
    contractKind: String!
    "Null when no known ABI decodes the log."
    eventName: String
    "ABI generation that decoded the log."
    abi: String
    topic0: String
    topics: [String!]!
    data: String!
    "Decoded arguments, uint256 values as decimal strings; null when undecoded."
    args: JSON
    decoded: Boolean!
  }

  ${listTypesSdl(eventSpec)}

  extend type Query {
    ${listFieldSdl("events", eventSpec)}
  }
`;

/** Resolvers of `events` and the computed `Event.decoded`. */
export const eventResolvers = {
  Query: {
    events: listResolver(eventSpec),
  },
  Event: {
    decoded: (event: EventRow) => event.eventName !== null,
  },
};
