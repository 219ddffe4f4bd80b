import type {
  blockHashes,
  cognitiveRounds,
  nodes,
  taskAssignments,
  validations,
} from "../../src/db/schema/index.ts";
import { address, hash } from "./fixtures.ts";

type NodeInsert = typeof nodes.$inferInsert;
type AssignmentInsert = typeof taskAssignments.$inferInsert;
type ValidationInsert = typeof validations.$inferInsert;
type CognitiveRoundInsert = typeof cognitiveRounds.$inferInsert;
type BlockHashInsert = typeof blockHashes.$inferInsert;

/** Unix seconds of block 0 in these fixtures; block n is `T0 + n`. */
export const T0 = 1_700_000_000n;

/** A node id (bytes32) made from a number. */
export const nodeId = (n: number) => hash(0xd0de0000 + n);

export function nodeRow(n: number, overrides: Partial<NodeInsert> = {}): NodeInsert {
  return {
    chainId: 1,
    address: address(0x1000 + n),
    nodeId: nodeId(n),
    poolState: "ADDED",
    firstSeenBlock: 100n,
    lastSeenBlock: 100n + BigInt(n),
    lastSeenAt: T0 + 100n + BigInt(n),
    ...overrides,
  };
}

/** The address nodeRow(n) has. */
export const minerAddress = (n: number) => address(0x1000 + n);

/**
 * Assignment of miner n to a task, assigned at `assigned` (block; its time is T0 + block) with
 * the given phases as [block, seconds after the previous phase] and an optional outcome.
 */
export function assignmentRow(
  task: { sessionId: number; taskId: number; chainId?: number },
  miner: number,
  assigned: number,
  overrides: Partial<AssignmentInsert> = {},
): AssignmentInsert {
  return {
    chainId: task.chainId ?? 1,
    sessionId: String(task.sessionId),
    taskId: String(task.taskId),
    miner: minerAddress(miner),
    assignedBlock: BigInt(assigned),
    assignedAt: T0 + BigInt(assigned),
    ...overrides,
  };
}

/** Phase columns of an assignment reaching `phase` at `block` (time T0 + block). */
export function phaseAt(phase: "acked" | "precommitted" | "committed", block: number) {
  return {
    [`${phase}Block`]: BigInt(block),
    [`${phase}At`]: T0 + BigInt(block),
  } as Partial<AssignmentInsert>;
}

/** Outcome columns of an assignment settled at `block`. */
export function outcomeAt(outcome: string, block: number): Partial<AssignmentInsert> {
  return {
    outcome,
    outcomeBlock: BigInt(block),
    inFinalList: outcome === "COMMITTED",
  };
}

/** The validator of validationRow. */
export const VALIDATOR = address(0xa11d);

export function validationRow(
  block: number,
  logIndex: number,
  overrides: Partial<ValidationInsert> = {},
): ValidationInsert {
  return {
    chainId: 1,
    blockNumber: BigInt(block),
    logIndex,
    blockTimestamp: T0 + BigInt(block),
    validatorSessionId: "9",
    sessionId: "1",
    taskId: "1",
    validator: VALIDATOR,
    miner: minerAddress(1),
    verdict: "VALID",
    score: "100",
    ...overrides,
  };
}

export function cognitiveRoundRow(
  roundId: number,
  overrides: Partial<CognitiveRoundInsert> = {},
): CognitiveRoundInsert {
  return {
    chainId: 1,
    roundId: String(roundId),
    phase: "ENDED",
    updatedBlock: BigInt(500 + roundId),
    ...overrides,
  };
}

export function blockHashRow(block: number, chainId = 1): BlockHashInsert {
  return { chainId, blockNumber: BigInt(block), hash: hash(block), timestamp: T0 + BigInt(block) };
}
