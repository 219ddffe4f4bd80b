import type { Logger } from "pino";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/client.ts";
import { INDEXED_RANGE_CHANNEL, type IndexedRangeNotice } from "../../sync/notify-indexed-range.ts";
import { LiveFeed } from "./live-feed.ts";

const decimal = z.string().regex(/^\d+$/);

/** A notification is input from the database: checked before anything is published. */
const noticeSchema = z.object({
  schema: z.string(),
  chainId: z.number().int(),
  from: decimal,
  to: decimal,
  head: decimal,
  caughtUp: z.boolean(),
  rolledBack: z.boolean().optional(),
  part: z.number().int().min(0),
  sessions: z.array(decimal),
  tasks: z.array(z.tuple([decimal, decimal])),
}) satisfies z.ZodType<IndexedRangeNotice>;

/** The database the feed listens to: the driver's own client and its default schema. */
export type LiveFeedDatabase = Pick<DatabaseHandle, "postgres" | "pglite" | "schemaName">;

/** Thrown when a handle has neither a postgres.js client nor a PGlite instance to listen on. */
export class LiveFeedUnavailableError extends Error {
  override name = "LiveFeedUnavailableError";
}

/** LISTENs on the channel with whichever driver the handle has; resolves to an unlisten. */
async function listen(
  database: LiveFeedDatabase,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  if (database.postgres) {
    // postgres.js keeps a connection of its own for LISTEN and re-listens after reconnecting.
    const { unlisten } = await database.postgres.listen(INDEXED_RANGE_CHANNEL, onPayload);
    return unlisten;
  }
  if (database.pglite) return database.pglite.listen(INDEXED_RANGE_CHANNEL, onPayload);
  throw new LiveFeedUnavailableError("the database handle has no client to LISTEN on");
}

/**
 * Starts the live feed of an API process: LISTENs for the notices index transactions send on
 * commit and publishes them; subscriptions follow the handle's schema unless their phase is
 * another. Close the feed before the database.
 */
export async function startLiveFeed(database: LiveFeedDatabase, logger: Logger): Promise<LiveFeed> {
  const log = logger.child({ component: "live" });
  let unlisten: () => Promise<void> = async () => {};
  const feed = new LiveFeed(database.schemaName, () => unlisten());
  unlisten = await listen(database, (payload) => {
    let notice: IndexedRangeNotice;
    try {
      notice = noticeSchema.parse(JSON.parse(payload));
    } catch (error) {
      log.warn({ err: error }, "ignoring a malformed indexed-range notification");
      return;
    }
    feed.publish(notice);
  });
  log.debug({ channel: INDEXED_RANGE_CHANNEL }, "listening for indexed ranges");
  return feed;
}
