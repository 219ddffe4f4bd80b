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
    "A reorg moved the index back to indexedBlock: what was shown above it was undone."
    rolledBack: Boolean!
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
 * The rows behind each batch of created items, loaded by primary key through the entity's row
 * loader. A subscription's context lives as long as the subscription, so each batch gets fresh
 * loaders: nested fields (a task's session, its assignments) are read as of that batch, not cached
 * from the first. graphql-js runs one event's selection to the end before it asks for the next.
 */
async function* createdRows<T>(
  batches: AsyncIterable<T[]>,
  toKey: (item: T) => PrimaryKey,
  spec: EntitySpec,
  context: ApiContext,
): AsyncGenerator<Row> {
  for await (const batch of batches) {
    context.loaders = new ApiLoaders(context.db, context.maxPageSize);
    for (const row of await context.loaders.rows(spec).loadMany(batch.map(toKey))) {
      if (row instanceof Error) throw row;
      // A row a later range already removed (cannot happen today) is skipped, not sent as null.
      if (row) yield row;
    }
  }
}

/**
 * Ends the feed's `source` when the client ends `events`, even before `events` first ran: a
 * generator returned before it started never reaches its `for await`, so it would not.
 */
function endingWith<T>(
  events: AsyncGenerator<T>,
  source: AsyncIterable<unknown>,
): AsyncGenerator<T> {
  const end = events.return.bind(events);
  events.return = async (value) => {
    await source[Symbol.asyncIterator]().return?.();
    return end(value);
  };
  return events;
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
        subscribe: (_: unknown, { chainId }: { chainId: number }, context: ApiContext) => {
          const source = feedOf(live).tasksCreated(scopeOf(context, chainId));
          const toKey = (key: [string, string]) => [chainId, ...key];
          return endingWith(createdRows(source, toKey, taskSpec, context), source);
        },
        resolve: asEvent<Row>,
      },
      sessionCreated: {
        subscribe: (_: unknown, { chainId }: { chainId: number }, context: ApiContext) => {
          const source = feedOf(live).sessionsCreated(scopeOf(context, chainId));
          const toKey = (sessionId: string) => [chainId, sessionId];
          return endingWith(createdRows(source, toKey, sessionSpec, context), source);
        },
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
