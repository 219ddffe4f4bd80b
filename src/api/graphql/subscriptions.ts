import { ClientError } from "../errors.ts";
import type { LiveFeed, LiveScope } from "../live/live-feed.ts";
import { type ApiContext, ApiLoaders } from "./context.ts";
import { sessionSpec, taskSpec } from "./entities.ts";
import type { EntitySpec, Row } from "./entity-spec.ts";
import type { PrimaryKey } from "./loaders.ts";

/** SDL of the live subscriptions dashboards use (served over SSE by yoga). */
export const subscriptionTypeDefs = /* GraphQL */ `
  "One chain's indexing progress after a committed block range."
  type ChainProgressUpdate {
    chainId: Int!
    "Last indexed block."
    indexedBlock: BigInt!
    "Chain head seen when the range was fetched."
    headBlock: BigInt!
    "Whether indexing has reached the head."
    caughtUp: Boolean!
  }

  type Subscription {
    "Each task the indexer records on the chain, once the range that created it is committed."
    taskCreated(chainId: Int!): Task!
    "Each session the indexer records on the chain, once the range that created it is committed."
    sessionCreated(chainId: Int!): Session!
    "Progress after every indexed block range of one chain, or of every chain without chainId."
    chainProgress(chainId: Int): ChainProgressUpdate!
  }
`;

/** A subscription asked of a server that does not follow the database's notifications. */
export class SubscriptionsUnavailableError extends ClientError {
  override get extensions(): Record<string, unknown> {
    return { code: "SUBSCRIPTIONS_UNAVAILABLE" };
  }
}

function feedOf(live: LiveFeed | undefined): LiveFeed {
  if (!live) throw new SubscriptionsUnavailableError("this server does not serve subscriptions");
  return live;
}

/**
 * The rows behind each batch of created keys, loaded through the entity's row loader. A
 * subscription's context lives as long as the subscription, so each batch gets fresh loaders:
 * nested fields (a task's session, its assignments) are read as of that batch, not cached from
 * the first. graphql-js runs one event's selection to the end before it asks for the next.
 */
async function* createdRows(
  batches: AsyncIterable<PrimaryKey[]>,
  spec: EntitySpec,
  context: ApiContext,
): AsyncGenerator<Row> {
  for await (const keys of batches) {
    context.loaders = new ApiLoaders(context.db, context.maxPageSize);
    for (const row of await context.loaders.rows(spec).loadMany(keys)) {
      if (row instanceof Error) throw row;
      // A row a later range already removed (cannot happen today) is skipped, not sent as null.
      if (row) yield row;
    }
  }
}

/** Each batch of created items as primary keys of their entity. */
async function* primaryKeys<T>(
  batches: AsyncIterable<T[]>,
  toKey: (item: T) => PrimaryKey,
): AsyncIterable<PrimaryKey[]> {
  for await (const batch of batches) yield batch.map(toKey);
}

const asEvent = <T>(event: T) => event;

/** The scope a subscription follows: its chain, in its phase's schema (default: the feed's). */
function scopeOf(context: ApiContext, chainId: number): LiveScope {
  return { schema: context.phase?.schemaName, chainId };
}

/** Resolvers of `Subscription`; without a live feed every subscription reports it is off. */
export function subscriptionResolvers(live: LiveFeed | undefined) {
  return {
    Subscription: {
      taskCreated: {
        subscribe: (_: unknown, { chainId }: { chainId: number }, context: ApiContext) =>
          createdRows(
            primaryKeys(feedOf(live).tasksCreated(scopeOf(context, chainId)), (key) => [
              chainId,
              ...key,
            ]),
            taskSpec,
            context,
          ),
        resolve: asEvent<Row>,
      },
      sessionCreated: {
        subscribe: (_: unknown, { chainId }: { chainId: number }, context: ApiContext) =>
          createdRows(
            primaryKeys(feedOf(live).sessionsCreated(scopeOf(context, chainId)), (id) => [
              chainId,
              id,
            ]),
            sessionSpec,
            context,
          ),
        resolve: asEvent<Row>,
      },
      chainProgress: {
        subscribe: (_: unknown, { chainId }: { chainId?: number | null }, context: ApiContext) =>
          feedOf(live).chainProgress({
            schema: context.phase?.schemaName,
            chainId: chainId ?? undefined,
          }),
        resolve: asEvent,
      },
    },
  };
}
