import { nodeOfNodeAddress } from "./entity-relations.ts";
import { listResolver, relatedRowResolver } from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { dedicatedNodeSpec, routerSpec, sessionNodeChangeSpec } from "./network-entities.ts";
import { entityTypeSdl, fieldSdl } from "./object-sdl.ts";

const nodeField = fieldSdl("The node of the address; null when the row names none.", "node: Node");

/** SDL of routers, dedicated nodes and session node changes, with the `routers` and `dedicatedNodes` lists. */
export const registryTypeDefs = /* GraphQL */ `
  ${entityTypeSdl(routerSpec, {
    description: "A router registered on a SessionV2 contract.",
    fieldDescriptions: { state: "ACTIVE or REMOVED." },
  })}

  ${entityTypeSdl(dedicatedNodeSpec, {
    description: "A dedicated node whitelisted on a SessionV2 contract.",
    fieldDescriptions: { state: "ACTIVE or REMOVED." },
    extraFields: [nodeField],
  })}

  ${entityTypeSdl(sessionNodeChangeSpec, {
    description:
      "A node assigned to a session (NewNodeAssignedToSession, one row per address) or released from it (NodeReleased, by node id).",
    fieldDescriptions: {
      position: "Index of the address in NewNodeAssignedToSession's list.",
      change: "ASSIGNED or RELEASED.",
    },
    extraFields: [nodeField],
  })}

  ${listTypesSdl(routerSpec)}

  ${listTypesSdl(dedicatedNodeSpec)}

  ${listTypesSdl(sessionNodeChangeSpec)}

  extend type Query {
    ${listFieldSdl("routers", routerSpec)}
    ${listFieldSdl("dedicatedNodes", dedicatedNodeSpec)}
  }
`;

/** Resolvers of the router and dedicated-node lists and their node relations. */
export const registryResolvers = {
  Query: {
    routers: listResolver(routerSpec),
    dedicatedNodes: listResolver(dedicatedNodeSpec),
  },
  DedicatedNode: { node: relatedRowResolver(nodeOfNodeAddress) },
  SessionNodeChange: { node: relatedRowResolver(nodeOfNodeAddress) },
};
