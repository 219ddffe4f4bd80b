import type { KeyedRows } from "./keyed-rows.ts";
import type { TaskRow } from "./projection-state.ts";

export interface StatusCountDelta {
  chainId: number;
  status: string;
  count: number;
}

export interface HourlyCountDelta {
  chainId: number;
  hourStart: bigint;
  queued: number;
  ended: number;
}

const HOUR = 3600n;
const hourOf = (time: bigint) => time - (time % HOUR);

/**
 * What a batch's task changes do to the dashboard counters: a status change moves one task from
 * its old status to its new one, and a first queued/ended time adds one to that hour. Derived from
 * each task's row before and after the batch, so the counters can never drift from the rows.
 */
export function taskCounterDeltas(tasks: KeyedRows<TaskRow>): {
  statuses: StatusCountDelta[];
  hours: HourlyCountDelta[];
} {
  const statuses = new Map<string, StatusCountDelta>();
  const hours = new Map<string, HourlyCountDelta>();
  const addStatus = (chainId: number, status: string, count: number) => {
    const key = `${chainId}:${status}`;
    const delta = statuses.get(key) ?? { chainId, status, count: 0 };
    delta.count += count;
    statuses.set(key, delta);
  };
  const addHour = (chainId: number, time: bigint, column: "queued" | "ended") => {
    const hourStart = hourOf(time);
    const key = `${chainId}:${hourStart}`;
    const delta = hours.get(key) ?? { chainId, hourStart, queued: 0, ended: 0 };
    delta[column] += 1;
    hours.set(key, delta);
  };

  for (const task of tasks.changed()) {
    const before = tasks.original(tasks.keyOf(task));
    if (before?.status !== task.status) {
      if (before) addStatus(task.chainId, before.status, -1);
      addStatus(task.chainId, task.status, 1);
    }
    if (task.queuedAt !== null && before?.queuedAt == null)
      addHour(task.chainId, task.queuedAt, "queued");
    if (task.endedAt !== null && before?.endedAt == null)
      addHour(task.chainId, task.endedAt, "ended");
  }
  return {
    statuses: [...statuses.values()].filter((delta) => delta.count !== 0),
    hours: [...hours.values()],
  };
}
