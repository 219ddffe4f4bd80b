import { createSchema } from "graphql-yoga";
import type { ApiContext } from "./context.ts";
import { eventResolvers, eventTypeDefs } from "./events.ts";
import { listTypeDefs } from "./list-sdl.ts";
import { metaResolvers, metaTypeDefs } from "./meta.ts";
import { scalarResolvers, scalarTypeDefs } from "./scalars.ts";
import { sessionResolvers, sessionTypeDefs } from "./sessions.ts";
import { taskResolvers, taskTypeDefs } from "./tasks.ts";

/** Each part extends this root with its own query fields. */
const rootTypeDefs = /* GraphQL */ `
  type Query
`;

/** The executable GraphQL schema of the indexer API. */
export function createApiSchema() {
  return createSchema<ApiContext>({
    typeDefs: [
      rootTypeDefs,
      scalarTypeDefs,
      listTypeDefs,
      sessionTypeDefs,
      taskTypeDefs,
      eventTypeDefs,
      metaTypeDefs,
    ],
    resolvers: [scalarResolvers, sessionResolvers, taskResolvers, eventResolvers, metaResolvers],
  });
}
