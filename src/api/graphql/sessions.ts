import { sessionSpec, taskSpec } from "./entities.ts";
import { sessionNodeChanges, sessionTasks } from "./entity-relations.ts";
import {
  childCountResolver,
  childPageResolver,
  listResolver,
  lookupResolver,
} from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { sessionNodeChangeSpec } from "./network-entities.ts";
import { entityTypeSdl, fieldSdl } from "./object-sdl.ts";

/** SDL of `Session`, the `sessions` list and `session` lookup. */
export const sessionTypeDefs = /* GraphQL */ `
  enum SessionState {
    ACTIVE
    DEACTIVATED
  }

  ${entityTypeSdl(sessionSpec, {
    description: "A user session of the SessionV2 contract.",
    fieldDescriptions: {
      miners: "Miners named when the session was created.",
      routersClearedBlock: "Block of the session's last AllRoutersRemoved.",
      deposited: "Sum of DepositToSession amounts (gen1 sessions held balances).",
      withdrawn: "Sum of WithdrawFromSession amounts.",
    },
    extraFields: [
      fieldSdl("Number of tasks of the session.", "taskCount: Int!"),
      fieldSdl("Tasks of the session.", listFieldSdl("tasks", taskSpec)),
      fieldSdl(
        "Nodes assigned to and released from the session, in block order by default.",
        listFieldSdl("nodeChanges", sessionNodeChangeSpec),
      ),
    ],
  })}

  ${listTypesSdl(sessionSpec)}

  extend type Query {
    ${listFieldSdl("sessions", sessionSpec)}
    session(chainId: Int!, sessionId: BigInt!): Session
  }
`;

/** Resolvers of the session queries; nested lists go through dataloaders. */
export const sessionResolvers = {
  Query: {
    sessions: listResolver(sessionSpec),
    session: lookupResolver(sessionSpec),
  },
  Session: {
    taskCount: childCountResolver(sessionTasks),
    tasks: childPageResolver(sessionTasks),
    nodeChanges: childPageResolver(sessionNodeChanges),
  },
};
