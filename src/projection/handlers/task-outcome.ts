import type { AssignmentRow, NodeRow } from "../projection-state.ts";

export const ASSIGNMENT_OUTCOMES = [
  "PENDING",
  "COMMITTED",
  "DROPPED",
  "MISSED_ACK",
  "MISSED_PRECOMMIT",
  "MISSED_COMMIT",
] as const;
export type AssignmentOutcome = (typeof ASSIGNMENT_OUTCOMES)[number];

/**
 * How a miner's part in a task ended, from what is on chain: committed and kept in `TaskEnded`'s
 * list (COMMITTED), committed but left out (DROPPED), or the first phase it missed.
 */
export function assignmentOutcome(
  assignment: AssignmentRow,
  inFinalList: boolean,
): AssignmentOutcome {
  if (assignment.committedBlock !== null) return inFinalList ? "COMMITTED" : "DROPPED";
  if (assignment.ackedBlock === null) return "MISSED_ACK";
  if (assignment.precommittedBlock === null) return "MISSED_PRECOMMIT";
  return "MISSED_COMMIT";
}

/** Settles an assignment at its task's end and counts the outcome on the node (mutated). */
export function settleAssignment(
  assignment: AssignmentRow,
  finalMiners: ReadonlySet<string>,
  node: NodeRow,
  block: bigint,
): AssignmentRow {
  const inFinalList = finalMiners.has(assignment.miner);
  const outcome = assignmentOutcome(assignment, inFinalList);
  node.tasksEnded += 1;
  if (outcome === "COMMITTED") node.tasksSucceeded += 1;
  else if (outcome === "DROPPED") node.dropped += 1;
  else if (outcome === "MISSED_ACK") node.missedAck += 1;
  else if (outcome === "MISSED_PRECOMMIT") node.missedPrecommit += 1;
  else node.missedCommit += 1;
  return { ...assignment, inFinalList, outcome, outcomeBlock: block };
}
