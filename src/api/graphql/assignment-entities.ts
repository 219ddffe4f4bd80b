import {
  taskAssignments,
  taskResultFetches,
  taskResults,
  validations,
} from "../../db/schema/index.ts";
import { tableEntitySpec } from "./table-spec.ts";

/**
 * One miner's part in one task. The stored `outcome` is exposed as `status` (and its block as
 * `statusBlock`), the name dashboards use.
 */
export const taskAssignmentSpec = tableEntitySpec({
  typeName: "TaskAssignment",
  table: taskAssignments,
  primaryKey: ["chainId", "sessionId", "taskId", "miner"],
  kinds: { miner: "address", outcome: { enumType: "AssignmentStatus" } },
  rename: { outcome: "status", outcomeBlock: "statusBlock" },
});

/** A miner's result of an ended task; the result itself is free text and not filterable. */
export const taskResultSpec = tableEntitySpec({
  typeName: "TaskResult",
  table: taskResults,
  primaryKey: ["chainId", "sessionId", "taskId", "miner"],
  kinds: { miner: "address", result: false },
});

/** The result read of an ended task. */
export const taskResultFetchSpec = tableEntitySpec({
  typeName: "TaskResultFetch",
  table: taskResultFetches,
  primaryKey: ["chainId", "sessionId", "taskId"],
  kinds: { contractAddress: "address", lastError: false },
  hidden: ["claimedBy", "claimedUntil"],
});

/** Validator verdicts on task results. */
export const validationSpec = tableEntitySpec({
  typeName: "Validation",
  table: validations,
  primaryKey: ["chainId", "blockNumber", "logIndex"],
  kinds: { validator: "address", miner: "address" },
});
