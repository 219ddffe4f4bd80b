import type { chainCheckpoints, events, sessions, tasks } from "../../src/db/schema/index.ts";

type SessionInsert = typeof sessions.$inferInsert;
type TaskInsert = typeof tasks.$inferInsert;
type EventInsert = typeof events.$inferInsert;
type CheckpointInsert = typeof chainCheckpoints.$inferInsert;

/** A 20-byte address made from a number, lowercase like the indexer stores it. */
export function address(n: number): string {
  return `0x${n.toString(16).padStart(40, "0")}`;
}

/** A 32-byte hash made from a number. */
export function hash(n: number): string {
  return `0x${n.toString(16).padStart(64, "0")}`;
}

export function sessionRow(
  sessionId: number,
  overrides: Partial<SessionInsert> = {},
): SessionInsert {
  return {
    chainId: 1,
    sessionId: String(sessionId),
    contractAddress: address(0xc0ffee),
    sid: `session-${sessionId}`,
    owner: address(sessionId % 3),
    miners: [address(100 + sessionId)],
    minNumOfNodes: "1",
    maxNumOfNodes: "3",
    redundant: "1",
    state: "ACTIVE",
    createdBlock: BigInt(1000 + sessionId),
    createdAt: BigInt(1_700_000_000 + sessionId),
    createdTx: hash(sessionId),
    ...overrides,
  };
}

export function taskRow(
  sessionId: number,
  taskId: number,
  overrides: Partial<TaskInsert> = {},
): TaskInsert {
  return {
    chainId: 1,
    sessionId: String(sessionId),
    taskId: String(taskId),
    globalId: String(sessionId * 1000 + taskId),
    status: "QUEUED",
    taskData: `prompt ${taskId}`,
    queuedBlock: BigInt(2000 + taskId),
    queuedAt: BigInt(1_700_001_000 + taskId),
    ...overrides,
  };
}

export function eventRow(
  blockNumber: number,
  logIndex: number,
  overrides: Partial<EventInsert> = {},
): EventInsert {
  return {
    chainId: 1,
    blockNumber: BigInt(blockNumber),
    logIndex,
    blockHash: hash(blockNumber),
    blockTimestamp: BigInt(1_700_000_000 + blockNumber),
    txHash: hash(blockNumber * 100 + logIndex),
    txIndex: 0,
    contractAddress: address(0xc0ffee),
    contractKind: "SessionV2",
    eventName: "SessionCreated",
    abi: "v2",
    topic0: hash(0xabc),
    topics: [hash(0xabc)],
    data: "0x",
    args: { sessionId: String(blockNumber) },
    ...overrides,
  };
}

export function checkpointRow(
  chainId: number,
  overrides: Partial<CheckpointInsert> = {},
): CheckpointInsert {
  return {
    chainId,
    network: "devnet",
    chainName: `chain-${chainId}`,
    startBlock: 100n,
    lastIndexedBlock: 99n,
    ...overrides,
  };
}
