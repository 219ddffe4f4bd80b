import type {
  cognitiveRoundMiners,
  cognitiveRounds,
  contractSettings,
  dedicatedNodes,
  nodePoolEvents,
  nodeReputationRecords,
  nodeStats,
  nodes,
  routers,
  sessionNodeChanges,
  sessions,
  taskAssignments,
  taskResultFetches,
  tasks,
  validations,
} from "../db/schema/index.ts";
import { AppendedRows, KeyedRows, keyOf } from "./keyed-rows.ts";

export type SessionRow = typeof sessions.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type AssignmentRow = typeof taskAssignments.$inferSelect;
export type NodeRow = typeof nodes.$inferSelect;
export type NodeStatsRow = typeof nodeStats.$inferSelect;
export type RouterRow = typeof routers.$inferSelect;
export type DedicatedNodeRow = typeof dedicatedNodes.$inferSelect;
export type CognitiveRoundRow = typeof cognitiveRounds.$inferSelect;
export type CognitiveRoundMinerRow = typeof cognitiveRoundMiners.$inferSelect;
export type ContractSettingRow = typeof contractSettings.$inferSelect;

export const sessionKey = (chainId: number, sessionId: string) => keyOf(chainId, sessionId);
export const taskKey = (chainId: number, sessionId: string, taskId: string) =>
  keyOf(chainId, sessionId, taskId);
export const nodeKey = (chainId: number, address: string) => keyOf(chainId, address);

/**
 * Everything one batch of events reads and writes, in memory. The handlers in `handlers/` change
 * it without I/O; sync/projection-store.ts loads it before and writes it back after, in the
 * transaction that advances the checkpoint.
 */
export class ProjectionState {
  readonly sessions = new KeyedRows<SessionRow>((r) => sessionKey(r.chainId, r.sessionId));
  readonly tasks = new KeyedRows<TaskRow>((r) => taskKey(r.chainId, r.sessionId, r.taskId));
  readonly assignments = new KeyedRows<AssignmentRow>((r) =>
    keyOf(r.chainId, r.sessionId, r.taskId, r.miner),
  );
  readonly nodes = new KeyedRows<NodeRow>((r) => nodeKey(r.chainId, r.address));
  readonly nodeStats = new KeyedRows<NodeStatsRow>((r) => keyOf(r.chainId, r.nodeId));
  readonly routers = new KeyedRows<RouterRow>((r) =>
    keyOf(r.chainId, r.contractAddress, r.routerAddress),
  );
  readonly dedicatedNodes = new KeyedRows<DedicatedNodeRow>((r) =>
    keyOf(r.chainId, r.contractAddress, r.nodeAddress),
  );
  readonly cognitiveRounds = new KeyedRows<CognitiveRoundRow>((r) => keyOf(r.chainId, r.roundId));
  readonly cognitiveRoundMiners = new KeyedRows<CognitiveRoundMinerRow>((r) =>
    keyOf(r.chainId, r.roundId, r.miner),
  );
  readonly contractSettings = new KeyedRows<ContractSettingRow>((r) =>
    keyOf(r.chainId, r.contractAddress, r.setting),
  );

  readonly nodePoolEvents = new AppendedRows<typeof nodePoolEvents.$inferInsert>();
  readonly nodeReputationRecords = new AppendedRows<typeof nodeReputationRecords.$inferInsert>();
  readonly sessionNodeChanges = new AppendedRows<typeof sessionNodeChanges.$inferInsert>();
  readonly validations = new AppendedRows<typeof validations.$inferInsert>();
  readonly taskResultFetches = new AppendedRows<typeof taskResultFetches.$inferInsert>();

  /** The miners assigned to each task, for the handlers that settle a whole task at its end. */
  private readonly minersByTask = new Map<string, Set<string>>();

  loadAssignments(rows: readonly AssignmentRow[]): void {
    this.assignments.load(rows);
    for (const row of rows) this.indexAssignment(row);
  }

  putAssignment(row: AssignmentRow): AssignmentRow {
    this.indexAssignment(row);
    return this.assignments.put(row);
  }

  assignmentsOfTask(chainId: number, sessionId: string, taskId: string): AssignmentRow[] {
    const miners = this.minersByTask.get(taskKey(chainId, sessionId, taskId)) ?? new Set();
    return [...miners]
      .map((miner) => this.assignments.get(keyOf(chainId, sessionId, taskId, miner)))
      .filter((row): row is AssignmentRow => row !== undefined);
  }

  private indexAssignment(row: AssignmentRow): void {
    const key = taskKey(row.chainId, row.sessionId, row.taskId);
    let miners = this.minersByTask.get(key);
    if (!miners) {
      miners = new Set();
      this.minersByTask.set(key, miners);
    }
    miners.add(row.miner);
  }
}
