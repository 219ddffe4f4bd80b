import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import type { KeyedRows } from "../projection/keyed-rows.ts";
import type { ProjectionState } from "../projection/projection-state.ts";
import type { IndexedRange } from "./index-block-range.ts";

/** The Postgres channel every index transaction notifies on; the API's live feed listens on it. */
export const INDEXED_RANGE_CHANNEL = "cortensor_indexed_range";

/**
 * What one notification says about an indexed block range. Rows are not sent, only their keys:
 * a listener loads what it needs, and the payload stays under Postgres' 8000-byte limit. A range
 * that created more keys than fit is announced in several parts; only part 0 carries progress.
 */
export interface IndexedRangeNotice {
  /** The schema the range was written to (set by Postgres: `current_schema()`). */
  schema: string;
  chainId: number;
  /** Block range, decimal. */
  from: string;
  to: string;
  /** Chain head seen when the range was fetched, decimal. */
  head: string;
  caughtUp: boolean;
  /** Set when a reorg moved the index back to `to`: the rows of the blocks above were undone. */
  rolledBack?: boolean;
  part: number;
  /** `sessionId` of each session the range created. */
  sessions: string[];
  /** `[sessionId, taskId]` of each task the range created. */
  tasks: [string, string][];
}

/** JSON bytes of one notice before Postgres adds the schema and jsonb's spacing (< 8000 total). */
const PAYLOAD_BUDGET = 6000;

/** Rows of a table the batch inserted (not merely changed). */
function createdRows<Row>(rows: KeyedRows<Row>): Row[] {
  return rows.changed().filter((row) => rows.original(rows.keyOf(row)) === undefined);
}

/** Splits a range's news into notices that each fit the payload budget. */
export function indexedRangeNotices(
  range: IndexedRange,
  state: ProjectionState,
): Omit<IndexedRangeNotice, "schema">[] {
  const notice = (part: number) => ({
    chainId: range.chainId,
    from: range.from.toString(),
    to: range.to.toString(),
    head: range.head.toString(),
    caughtUp: range.caughtUp,
    part,
    sessions: [] as string[],
    tasks: [] as [string, string][],
  });
  const notices = [notice(0)];
  let size = JSON.stringify(notices[0]).length;
  /** The notice with room for one more key of this JSON length, started anew when full. */
  const noticeWithRoom = (json: string) => {
    if (size + json.length + 1 > PAYLOAD_BUDGET) {
      notices.push(notice(notices.length));
      size = JSON.stringify(notices.at(-1)).length;
    }
    size += json.length + 1;
    return notices.at(-1) as ReturnType<typeof notice>;
  };
  for (const { sessionId } of createdRows(state.sessions)) {
    noticeWithRoom(JSON.stringify(sessionId)).sessions.push(sessionId);
  }
  for (const { sessionId, taskId } of createdRows(state.tasks)) {
    const key: [string, string] = [sessionId, taskId];
    noticeWithRoom(JSON.stringify(key)).tasks.push(key);
  }
  return notices;
}

/**
 * Announces an indexed range on INDEXED_RANGE_CHANNEL. Called inside the range's transaction:
 * Postgres delivers the notifications only when it commits, so listeners never hear of rows they
 * cannot read yet, nor of a range that was rolled back.
 */
export async function notifyIndexedRange(
  tx: Database,
  range: IndexedRange,
  state: ProjectionState,
): Promise<void> {
  for (const notice of indexedRangeNotices(range, state)) await sendNotice(tx, notice);
}

/** Sends one notice, stamped by Postgres with the schema it was written to. */
async function sendNotice(tx: Database, notice: Omit<IndexedRangeNotice, "schema">): Promise<void> {
  await tx.execute(
    sql`select pg_notify(${INDEXED_RANGE_CHANNEL}, (${JSON.stringify(notice)}::jsonb || jsonb_build_object('schema', current_schema()))::text)`,
  );
}

/**
 * Announces that a reorg moved the chain's index back to `to` (in the rollback's transaction):
 * subscribers hear the lower indexed block, and dashboards reload what they showed above it.
 */
export async function notifyRolledBack(
  tx: Database,
  rollback: { chainId: number; to: bigint; head: bigint; caughtUp: boolean },
): Promise<void> {
  const notice: Omit<IndexedRangeNotice, "schema"> = {
    chainId: rollback.chainId,
    from: (rollback.to + 1n).toString(),
    to: rollback.to.toString(),
    head: rollback.head.toString(),
    caughtUp: rollback.caughtUp,
    rolledBack: true,
    part: 0,
    sessions: [],
    tasks: [],
  };
  await sendNotice(tx, notice);
}
