import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { taskHourlyCounts, tasks } from "../../../db/schema/index.ts";
import { InvalidRangeError } from "../../errors.ts";
import type { TimeWindow } from "./arguments.ts";
import { int8 } from "./latency-sql.ts";

/** Bucket sizes of `TimeInterval`, in seconds; buckets start at UTC hour or day boundaries. */
export const INTERVAL_SECONDS = { HOUR: 3600n, DAY: 86_400n } as const;
export type TimeInterval = keyof typeof INTERVAL_SECONDS;

/** Most buckets one series may have: a year of hours fits, ten years of hours do not. */
export const MAX_BUCKETS = 2000;

/** Tasks queued (submitted) and ended within one bucket. */
export interface TaskTimeBucket {
  start: bigint;
  submitted: number;
  ended: number;
}

/** Start of the bucket holding `time`. */
const bucketStart = (time: bigint, size: bigint) => time - (time % size);

/** Bucket size and the first and last bucket start of a window. */
interface BucketRange {
  size: bigint;
  first: bigint;
  last: bigint;
}

/** The buckets of a window; refuses windows of more than MAX_BUCKETS. */
function bucketRange(window: TimeWindow, interval: TimeInterval): BucketRange {
  const size = INTERVAL_SECONDS[interval];
  const first = bucketStart(window.from, size);
  const last = bucketStart(window.to - 1n, size);
  const buckets = (last - first) / size + 1n;
  if (buckets > BigInt(MAX_BUCKETS)) {
    throw new InvalidRangeError(
      "to",
      `from..to spans ${buckets} ${interval} buckets, more than the ${MAX_BUCKETS} a series may have; narrow the range or use a larger interval`,
    );
  }
  return { size, first, last };
}

/** Tasks per bucket of one time column within the window, by bucket start. */
async function countsByBucket(
  db: Database,
  chainId: number,
  column: typeof tasks.queuedAt,
  window: TimeWindow,
  size: bigint,
): Promise<Map<bigint, number>> {
  const start = sql<bigint>`${column} - ${column} % ${int8(size)}`.mapWith(BigInt);
  const rows = await db
    .select({ start, count: count() })
    .from(tasks)
    .where(and(eq(tasks.chainId, chainId), gte(column, window.from), lt(column, window.to)))
    // By position: the bucket expression carries its own parameter in the select list.
    .groupBy(sql`1`);
  return new Map(rows.map((row) => [row.start, row.count]));
}

const HOUR = INTERVAL_SECONDS.HOUR;
const ceilHour = (time: bigint) => (time % HOUR === 0n ? time : bucketStart(time, HOUR) + HOUR);

function addCounts(target: Map<bigint, number>, source: Map<bigint, number>): void {
  for (const [start, count] of source) target.set(start, (target.get(start) ?? 0) + count);
}

/** Whole hours of the window from the projection's hourly counters, by bucket start. */
async function hourlyCountsByBucket(
  db: Database,
  chainId: number,
  hours: TimeWindow,
  size: bigint,
): Promise<{ submitted: Map<bigint, number>; ended: Map<bigint, number> }> {
  const rows = await db
    .select()
    .from(taskHourlyCounts)
    .where(
      and(
        eq(taskHourlyCounts.chainId, chainId),
        gte(taskHourlyCounts.hourStart, hours.from),
        lt(taskHourlyCounts.hourStart, hours.to),
      ),
    );
  const submitted = new Map<bigint, number>();
  const ended = new Map<bigint, number>();
  for (const row of rows) {
    const start = bucketStart(row.hourStart, size);
    submitted.set(start, (submitted.get(start) ?? 0) + row.queued);
    ended.set(start, (ended.get(start) ?? 0) + row.ended);
  }
  return { submitted, ended };
}

/** Tasks queued and ended per bucket within a window, counted from the tasks themselves. */
async function taskCountsByBucket(db: Database, chainId: number, window: TimeWindow, size: bigint) {
  if (window.from >= window.to) return { submitted: new Map(), ended: new Map() };
  const [submitted, ended] = await Promise.all([
    countsByBucket(db, chainId, tasks.queuedAt, window, size),
    countsByBucket(db, chainId, tasks.endedAt, window, size),
  ]);
  return { submitted, ended };
}

/**
 * Tasks queued and ended per bucket over [from, to), every bucket included (empty ones as 0).
 * The first and last bucket count only the part inside the window. Whole hours come from the
 * hourly counters the projection keeps; only the partial hours at either edge read tasks.
 */
export async function taskTimeSeries(
  db: Database,
  chainId: number,
  window: TimeWindow,
  interval: TimeInterval,
): Promise<TaskTimeBucket[]> {
  const { size, first, last } = bucketRange(window, interval);
  const wholeHours = { from: ceilHour(window.from), to: bucketStart(window.to, HOUR) };
  const parts =
    wholeHours.from < wholeHours.to
      ? await Promise.all([
          hourlyCountsByBucket(db, chainId, wholeHours, size),
          taskCountsByBucket(db, chainId, { from: window.from, to: wholeHours.from }, size),
          taskCountsByBucket(db, chainId, { from: wholeHours.to, to: window.to }, size),
        ])
      : [await taskCountsByBucket(db, chainId, window, size)];
  const submitted = new Map<bigint, number>();
  const ended = new Map<bigint, number>();
  for (const part of parts) {
    addCounts(submitted, part.submitted);
    addCounts(ended, part.ended);
  }
  const buckets: TaskTimeBucket[] = [];
  for (let start = first; start <= last; start += size) {
    buckets.push({ start, submitted: submitted.get(start) ?? 0, ended: ended.get(start) ?? 0 });
  }
  return buckets;
}
