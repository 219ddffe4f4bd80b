import { COGNITIVE_PHASES } from "../../projection/handlers/cognitive-handlers.ts";
import { cognitiveRoundMiners, nodeOfMiner } from "./entity-relations.ts";
import {
  childPageResolver,
  listResolver,
  lookupResolver,
  relatedRowResolver,
} from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { cognitiveRoundMinerSpec, cognitiveRoundSpec } from "./network-entities.ts";
import { entityTypeSdl, fieldSdl } from "./object-sdl.ts";

/** SDL of `CognitiveRound`, its miners, the `cognitiveRounds` list and `cognitiveRound` lookup. */
export const cognitiveTypeDefs = /* GraphQL */ `
  "Phases of a CognitiveV1 round, in order; a round's phase is the furthest reached."
  enum CognitivePhase {
    ${COGNITIVE_PHASES.join("\n    ")}
  }

  ${entityTypeSdl(cognitiveRoundSpec, {
    description:
      "A CognitiveV1 network-task round (a 'session' in that contract's event names): Request → Create → Prepare → Start → Precommit → Commit → End.",
    fieldDescriptions: {
      startTimestamp: "Start time the contract reported (unix seconds).",
      endTimestamp: "End time the contract reported (unix seconds).",
      forceEnded: "Whether SessionAllPrecommitted forced the end.",
    },
    extraFields: [
      fieldSdl(
        "Miners that precommitted or committed in the round.",
        listFieldSdl("miners", cognitiveRoundMinerSpec),
      ),
    ],
  })}

  ${entityTypeSdl(cognitiveRoundMinerSpec, {
    description: "A miner's precommit and commit in a cognitive round.",
    extraFields: [fieldSdl("The miner's node.", "node: Node")],
  })}

  ${listTypesSdl(cognitiveRoundSpec)}

  ${listTypesSdl(cognitiveRoundMinerSpec)}

  extend type Query {
    ${listFieldSdl("cognitiveRounds", cognitiveRoundSpec)}
    cognitiveRound(chainId: Int!, roundId: BigInt!): CognitiveRound
  }
`;

/** Resolvers of the cognitive round queries and relations. */
export const cognitiveResolvers = {
  Query: {
    cognitiveRounds: listResolver(cognitiveRoundSpec),
    cognitiveRound: lookupResolver(cognitiveRoundSpec),
  },
  CognitiveRound: {
    miners: childPageResolver(cognitiveRoundMiners),
  },
  CognitiveRoundMiner: {
    node: relatedRowResolver(nodeOfMiner),
  },
};
