import type { ApiContext } from "./context.ts";
import { sessionSpec, taskSpec } from "./entities.ts";
import { type Row, valuesOf } from "./entity-spec.ts";
import { primaryKeyFromArgs } from "./keys.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { fetchPage, type ListArgs } from "./pagination.ts";

/** SDL of `Session`, the `sessions` list and `session` lookup. */
export const sessionTypeDefs = /* GraphQL */ `
  enum SessionState {
    ACTIVE
    DEACTIVATED
  }

  "A user session of the SessionV2 contract."
  type Session {
    chainId: Int!
    sessionId: BigInt!
    contractAddress: String!
    sid: String
    owner: String
    "Miners named when the session was created."
    miners: [String!]
    minNumOfNodes: BigInt
    maxNumOfNodes: BigInt
    redundant: BigInt
    state: SessionState!
    createdBlock: BigInt
    "Unix seconds."
    createdAt: BigInt
    createdTx: String
    updatedBlock: BigInt
    deactivatedBlock: BigInt
    "Number of tasks of the session."
    taskCount: Int!
    "Tasks of the session."
    ${listFieldSdl("tasks", taskSpec)}
  }

  ${listTypesSdl(sessionSpec)}

  extend type Query {
    ${listFieldSdl("sessions", sessionSpec)}
    session(chainId: Int!, sessionId: BigInt!): Session
  }
`;

const sessionKey = (session: Row) => valuesOf(session, sessionSpec.primaryKey);

/** Resolvers of the session queries; nested task fields go through dataloaders. */
export const sessionResolvers = {
  Query: {
    sessions: async (_: unknown, args: ListArgs, context: ApiContext) => {
      const page = await fetchPage(context.db, sessionSpec, args, context.maxPageSize);
      // Nested `tasks { session }` then finds these sessions without another query.
      for (const session of page.items) {
        context.loaders.sessions.prime(sessionKey(session), session);
      }
      return page;
    },
    session: (_: unknown, args: Record<string, unknown>, context: ApiContext) =>
      context.loaders.sessions.load(primaryKeyFromArgs(sessionSpec, args)),
  },
  Session: {
    taskCount: (session: Row, _: unknown, context: ApiContext) =>
      context.loaders.sessionTaskCounts.load({ parentKey: sessionKey(session) }),
    tasks: (session: Row, args: ListArgs, context: ApiContext) =>
      context.loaders.sessionTaskPages.load({ parentKey: sessionKey(session), args }),
  },
};
