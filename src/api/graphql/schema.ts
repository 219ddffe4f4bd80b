import { createSchema } from "graphql-yoga";
import type { LiveFeed } from "../live/live-feed.ts";
import { aggregateResolvers, aggregateTypeDefs } from "./aggregates/schema.ts";
import { assignmentResolvers, assignmentTypeDefs } from "./assignments.ts";
import { cognitiveResolvers, cognitiveTypeDefs } from "./cognitive.ts";
import type { ApiContext } from "./context.ts";
import { eventResolvers, eventTypeDefs } from "./events.ts";
import { indexerStatusResolvers, indexerStatusTypeDefs } from "./indexer-status.ts";
import { listTypeDefs } from "./list-sdl.ts";
import { metaResolvers, metaTypeDefs } from "./meta.ts";
import { nodeResolvers, nodeTypeDefs } from "./nodes.ts";
import { oracleResolvers, oracleTypeDefs } from "./oracle/schema.ts";
import { withPhaseArgument } from "./phase-argument.ts";
import { phaseResolvers, phaseTypeDefs } from "./phases.ts";
import { registryResolvers, registryTypeDefs } from "./registry.ts";
import { scalarResolvers, scalarTypeDefs } from "./scalars.ts";
import { sessionResolvers, sessionTypeDefs } from "./sessions.ts";
import { subscriptionResolvers, subscriptionTypeDefs } from "./subscriptions.ts";
import { taskResolvers, taskTypeDefs } from "./tasks.ts";
import { validationResolvers, validationTypeDefs } from "./validations.ts";

/** Each part extends this root with its own query fields. */
const rootTypeDefs = /* GraphQL */ `
  type Query
`;

/**
 * The executable GraphQL schema of the indexer API. Subscriptions read from `live`; without it
 * they answer that this server does not serve them.
 */
export function createApiSchema(live?: LiveFeed) {
  const schema = createSchema<ApiContext>({
    typeDefs: [
      rootTypeDefs,
      scalarTypeDefs,
      listTypeDefs,
      sessionTypeDefs,
      taskTypeDefs,
      assignmentTypeDefs,
      validationTypeDefs,
      nodeTypeDefs,
      cognitiveTypeDefs,
      registryTypeDefs,
      eventTypeDefs,
      metaTypeDefs,
      indexerStatusTypeDefs,
      aggregateTypeDefs,
      oracleTypeDefs,
      phaseTypeDefs,
      subscriptionTypeDefs,
    ],
    resolvers: [
      scalarResolvers,
      sessionResolvers,
      taskResolvers,
      assignmentResolvers,
      validationResolvers,
      nodeResolvers,
      cognitiveResolvers,
      registryResolvers,
      eventResolvers,
      metaResolvers,
      indexerStatusResolvers,
      aggregateResolvers,
      oracleResolvers,
      phaseResolvers,
      subscriptionResolvers(live),
    ],
  });
  return withPhaseArgument(schema);
}
