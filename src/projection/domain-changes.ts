import type { TaskStatus } from "./task-status.ts";

/** A phase's first block and timestamp. */
export interface PhaseMark {
  block: bigint;
  timestamp: bigint;
}

export type TaskPhase =
  | "submitted"
  | "queued"
  | "assigned"
  | "acked"
  | "precommitted"
  | "committed"
  | "ended";

/**
 * What a batch of events does to one task, merged in memory before one upsert per task.
 * Merge rules (the same in SQL, see db/write-domain-changes.ts): phases and identity fields keep
 * their first value, miner lists their last, counters add up, status takes the furthest.
 */
export interface TaskChange {
  chainId: number;
  sessionId: string;
  taskId: string;
  status: TaskStatus;
  globalId?: string;
  taskData?: string;
  clientReference?: string;
  miners?: string[];
  finalMiners?: string[];
  ackDelta: number;
  precommitDelta: number;
  commitDelta: number;
  phases: Partial<Record<TaskPhase, PhaseMark>>;
}

/** What a batch of events does to one session. */
export interface SessionChange {
  chainId: number;
  sessionId: string;
  contractAddress: string;
  created?: {
    sid: string;
    owner: string;
    miners: string[];
    block: bigint;
    timestamp: bigint;
    tx: string;
  };
  updated?: { minNumOfNodes: string; maxNumOfNodes: string; redundant: string; block: bigint };
  deactivatedBlock?: bigint;
}

export interface DomainChanges {
  sessions: SessionChange[];
  tasks: TaskChange[];
}
