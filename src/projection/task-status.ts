/**
 * Task status follows the queue lifecycle and only moves forward: a late or replayed event of an
 * earlier phase never moves a task back. The rank is the position in this list.
 */
export const TASK_STATUSES = [
  "QUEUED",
  "ASSIGNED",
  "ACKED",
  "PRECOMMITTED",
  "COMMITTED",
  "ENDED",
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

export function taskStatusRank(status: TaskStatus): number {
  return TASK_STATUSES.indexOf(status);
}

/** The further of two statuses. */
export function furthestStatus(a: TaskStatus, b: TaskStatus): TaskStatus {
  return taskStatusRank(a) >= taskStatusRank(b) ? a : b;
}
