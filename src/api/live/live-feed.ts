import { createPubSub, Repeater } from "graphql-yoga";
import type { IndexedRangeNotice } from "../../sync/notify-indexed-range.ts";

/** One chain's indexing progress after a committed block range. */
export interface ChainProgressUpdate {
  chainId: number;
  /** Decimal block numbers. */
  indexedBlock: string;
  headBlock: string;
  caughtUp: boolean;
}

/** What the feed publishes; created rows travel as keys, per chain id. */
type LiveTopics = {
  sessionsCreated: [chainId: number, sessionIds: string[]];
  tasksCreated: [chainId: number, taskKeys: [sessionId: string, taskId: string][]];
  chainProgress: [update: ChainProgressUpdate];
};

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

  /** @param stopSource stops whatever feeds `publish` (the LISTEN), called by `close`. */
  constructor(private readonly stopSource: () => Promise<void> = async () => {}) {
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve;
    });
  }

  /** Publishes one notice: its created keys, and the chain's progress on the range's first part. */
  publish(notice: Omit<IndexedRangeNotice, "schema">): void {
    if (notice.sessions.length > 0) {
      this.pubsub.publish("sessionsCreated", notice.chainId, notice.sessions);
    }
    if (notice.tasks.length > 0) this.pubsub.publish("tasksCreated", notice.chainId, notice.tasks);
    if (notice.part === 0) {
      this.pubsub.publish("chainProgress", {
        chainId: notice.chainId,
        indexedBlock: notice.to,
        headBlock: notice.head,
        caughtUp: notice.caughtUp,
      });
    }
  }

  /** Ids of the sessions each range of the chain created, one array per range part. */
  sessionsCreated(chainId: number): AsyncIterable<string[]> {
    return this.listen(this.pubsub.subscribe("sessionsCreated", chainId));
  }

  /** `[sessionId, taskId]` of the tasks each range of the chain created. */
  tasksCreated(chainId: number): AsyncIterable<[string, string][]> {
    return this.listen(this.pubsub.subscribe("tasksCreated", chainId));
  }

  /** Progress of one chain, or of every chain when `chainId` is null. */
  chainProgress(chainId: number | null): AsyncIterable<ChainProgressUpdate> {
    const updates = this.listen(this.pubsub.subscribe("chainProgress"));
    return chainId === null ? updates : ofChain(chainId, updates);
  }

  /** Stops the source, then ends every subscription. */
  async close(): Promise<void> {
    await this.stopSource();
    this.markClosed();
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

async function* ofChain(
  chainId: number,
  updates: AsyncIterable<ChainProgressUpdate>,
): AsyncIterable<ChainProgressUpdate> {
  for await (const update of updates) if (update.chainId === chainId) yield update;
}
