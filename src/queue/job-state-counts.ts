import type { JobStateCounts } from "./work-queue.ts";

/** The job states a queue reports, in the order operators read them. */
export const JOB_STATES = ["waiting", "active", "delayed", "failed"] as const;

export type JobState = (typeof JOB_STATES)[number];

/** All states at zero. */
export function emptyJobStateCounts(): JobStateCounts {
  return { waiting: 0, active: 0, delayed: 0, failed: 0 };
}

/** State by state, the sum of several counts. */
export function sumJobStateCounts(list: readonly JobStateCounts[]): JobStateCounts {
  const total = emptyJobStateCounts();
  for (const counts of list) {
    for (const state of JOB_STATES) total[state] += counts[state];
  }
  return total;
}

/** The four states out of a count per state name (BullMQ's getJobCounts); missing ones are 0. */
export function toJobStateCounts(counts: Readonly<Record<string, number>>): JobStateCounts {
  return {
    waiting: counts.waiting ?? 0,
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
  };
}

/** Per job name, how many of the listed jobs are in each state. */
export function countJobsByName(
  lists: readonly { state: JobState; names: readonly string[] }[],
): Record<string, JobStateCounts> {
  const byName: Record<string, JobStateCounts> = {};
  for (const { state, names } of lists) {
    for (const name of names) {
      byName[name] ??= emptyJobStateCounts();
      byName[name][state] += 1;
    }
  }
  return byName;
}
