import { createPubSub, Repeater } from "graphql-yoga";
import type { IndexedRangeNotice } from "../../sync/notify-indexed-range.ts";

/** One chain's indexing progress after a committed block range. */
export interface ChainProgressUpdate {
  chainId: number;
  /** Decimal block numbers. */
  indexedBlock: string;
  headBlock: string;
  caughtUp: boolean;
  /** A reorg moved the index back to indexedBlock. */
  rolledBack: boolean;
}

/** What the feed publishes, routed by `<schema>/<chainId>`; created rows travel as keys. */
type LiveTopics = {
  sessionsCreated: [route: string, sessionIds: string[]];
  tasksCreated: [route: string, taskKeys: [sessionId: string, taskId: string][]];
  chainProgress: [route: string, update: ChainProgressUpdate];
};

/** Which of the database's indexes a subscription follows: a schema (phase) and a chain. */
export interface LiveScope {
  /** Postgres schema of the phase; default: the schema of the handle the feed listens on. */
  schema?: string;
  chainId: number;
}

/**
 * The indexed-range notices of the database, fanned out to this process's GraphQL subscriptions
 * (a yoga pubsub). Every API replica has its own feed listening to the same Postgres channel, so
 * a subscriber hears of every range whichever worker indexed it. Closing the feed ends every
 * subscription, which lets the HTTP server finish their open event streams and shut down.
 */
export class LiveFeed {
  private readonly pubsub = createPubSub<LiveTopics>();
  private readonly closed: Promise<void>;
  private markClosed: () => void = () => {};
  private closing: Promise<void> | undefined;

  /**
   * @param defaultSchema the schema subscriptions follow unless they name another (their phase).
   * @param stopSource stops whatever feeds `publish` (the LISTEN), called by `close`.
   */
  constructor(
    readonly defaultSchema: string,
    private readonly stopSource: () => Promise<void> = async () => {},
  ) {
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve;
    });
  }

  /** Publishes one notice: its created keys, and the chain's progress on the range's first part. */
  publish(notice: IndexedRangeNotice): void {
    const route = this.route({ schema: notice.schema, chainId: notice.chainId });
    if (notice.sessions.length > 0) this.pubsub.publish("sessionsCreated", route, notice.sessions);
    if (notice.tasks.length > 0) this.pubsub.publish("tasksCreated", route, notice.tasks);
    if (notice.part === 0) {
      const update = {
        chainId: notice.chainId,
        indexedBlock: notice.to,
        headBlock: notice.head,
        caughtUp: notice.caughtUp,
        rolledBack: notice.rolledBack === true,
      };
      this.pubsub.publish("chainProgress", route, update);
      this.pubsub.publish("chainProgress", this.route({ schema: notice.schema }), update);
    }
  }

  /** Ids of the sessions each range created, one array per notice. */
  sessionsCreated(scope: LiveScope): AsyncIterable<string[]> {
    return this.listen(this.pubsub.subscribe("sessionsCreated", this.route(scope)));
  }

  /** `[sessionId, taskId]` of the tasks each range created, one array per notice. */
  tasksCreated(scope: LiveScope): AsyncIterable<[string, string][]> {
    return this.listen(this.pubsub.subscribe("tasksCreated", this.route(scope)));
  }

  /** The chain's progress after each indexed range; every chain's without a chain id. */
  chainProgress(scope: Partial<LiveScope>): AsyncIterable<ChainProgressUpdate> {
    return this.listen(this.pubsub.subscribe("chainProgress", this.route(scope)));
  }

  /** Stops the source, then ends every subscription; later calls wait for the first. */
  close(): Promise<void> {
    this.closing ??= this.stopSource().then(() => this.markClosed());
    return this.closing;
  }

  private route(scope: Partial<LiveScope>): string {
    return `${scope.schema ?? this.defaultSchema}/${scope.chainId ?? "all"}`;
  }

  /**
   * Events of a topic from now until the feed closes. A Repeater attaches its listener only on
   * the first `next`, which yoga calls after the response has started: the first call is made
   * here, so nothing published after the subscription was accepted is missed.
   */
  private listen<T>(events: AsyncIterable<T>): AsyncIterable<T> {
    const raced = Repeater.race([events, this.closed]) as AsyncIterable<T>;
    const iterator = raced[Symbol.asyncIterator]();
    const firstNext = iterator.next();
    // Observed by the consumer when it asks; this only keeps an unasked failure from going unhandled.
    firstNext.catch(() => {});
    let first: Promise<IteratorResult<T>> | undefined = firstNext;
    const started: AsyncIterableIterator<T> = {
      next: () => {
        const result = first ?? iterator.next();
        first = undefined;
        return result;
      },
      return: async () => (await iterator.return?.()) ?? { done: true, value: undefined },
      [Symbol.asyncIterator]: () => started,
    };
    return started;
  }
}
