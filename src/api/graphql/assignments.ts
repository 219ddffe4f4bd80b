import { ASSIGNMENT_OUTCOMES } from "../../projection/handlers/task-outcome.ts";
import { taskAssignmentSpec, taskResultFetchSpec, taskResultSpec } from "./assignment-entities.ts";
import { nodeOfMiner, resultOfAssignment, taskOfRow } from "./entity-relations.ts";
import { listResolver, relatedRowResolver } from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { entityTypeSdl, fieldSdl } from "./object-sdl.ts";

/** SDL of `TaskAssignment`, `TaskResult`, `TaskResultFetch` and the `taskAssignments` list. */
export const assignmentTypeDefs = /* GraphQL */ `
  "How a miner's part in a task ended: PENDING until the task ends."
  enum AssignmentStatus {
    ${ASSIGNMENT_OUTCOMES.join("\n    ")}
  }

  ${entityTypeSdl(taskAssignmentSpec, {
    description: "One miner's part in one task.",
    fieldDescriptions: {
      assignedBlock: "Block of the miner's assignment (or of its first event seen).",
      inFinalList: "Null until the task ends; then whether TaskEnded listed the miner.",
      status:
        "PENDING until the task ends; then COMMITTED (in the final list), DROPPED (committed but left out) or the first phase missed.",
      statusBlock: "Block the status was settled at (the task's end); null while PENDING.",
    },
    extraFields: [
      fieldSdl("The miner's node.", "node: Node"),
      fieldSdl("The result the miner returned; null when none was read.", "result: TaskResult"),
      fieldSdl("The task.", "task: Task"),
    ],
  })}

  ${entityTypeSdl(taskResultSpec, {
    description: "A miner's result of an ended task, read at the block of TaskEnded.",
    fieldDescriptions: { result: "Often a URN of off-chain content rather than the content." },
  })}

  ${entityTypeSdl(taskResultFetchSpec, {
    description: "The result read of an ended task: PENDING, DONE or FAILED after every retry.",
  })}

  ${listTypesSdl(taskAssignmentSpec)}

  ${listTypesSdl(taskResultSpec)}

  extend type Query {
    ${listFieldSdl("taskAssignments", taskAssignmentSpec)}
  }
`;

/** Resolvers of `taskAssignments` and the assignment relations. */
export const assignmentResolvers = {
  Query: {
    taskAssignments: listResolver(taskAssignmentSpec),
  },
  TaskAssignment: {
    node: relatedRowResolver(nodeOfMiner),
    result: relatedRowResolver(resultOfAssignment),
    task: relatedRowResolver(taskOfRow),
  },
};
