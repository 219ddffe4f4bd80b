import { TASK_PHASES } from "../../db/schema/index.ts";
import { TASK_STATUSES } from "../../projection/task-status.ts";
import { taskAssignmentSpec, taskResultSpec, validationSpec } from "./assignment-entities.ts";
import { taskSpec } from "./entities.ts";
import {
  resultFetchOfTask,
  sessionOfTask,
  taskAssignmentsOfTask,
  taskResultsOfTask,
  validationsOfTask,
} from "./entity-relations.ts";
import {
  childPageResolver,
  listResolver,
  lookupResolver,
  relatedRowResolver,
} from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { entityTypeSdl, fieldSdl } from "./object-sdl.ts";

const phaseDescriptions = Object.fromEntries(
  TASK_PHASES.flatMap((phase) => [
    [`${phase}Block`, `Block of the first ${phase} event.`],
    [`${phase}At`, `Unix seconds of the first ${phase} event.`],
  ]),
);

/** SDL of `Task`, the `tasks` list and `task` lookup. */
export const taskTypeDefs = /* GraphQL */ `
  "Where a task is in the queue lifecycle; it only moves forward."
  enum TaskStatus {
    ${TASK_STATUSES.join("\n    ")}
  }

  ${entityTypeSdl(taskSpec, {
    description: "A task of a session.",
    fieldDescriptions: {
      ...phaseDescriptions,
      miners: "Miners of the latest assignment.",
      finalMiners: "Miners listed when the task ended.",
      nodeIds: "Node ids named by SessionV2's own TaskAssigned.",
      precommitEndedBlock: "Block of TaskPrecommitEnded (the precommit window closed).",
      precommitEndedAt: "Unix seconds of TaskPrecommitEnded.",
      commitEndedBlock: "Block of TaskCommitEnded (the commit window closed).",
      commitEndedAt: "Unix seconds of TaskCommitEnded.",
      allPrecommittedBlock: "Block of TaskAllPrecommitted.",
      allPrecommittedMiners: "Miners listed by TaskAllPrecommitted.",
      allCommittedBlock: "Block of TaskAllCommitted.",
      allCommittedMiners: "Miners listed by TaskAllCommitted.",
    },
    extraFields: [
      fieldSdl("The task's session; null if its creation was not indexed.", "session: Session"),
      fieldSdl(
        "Each assigned miner's part in the task.",
        listFieldSdl("assignments", taskAssignmentSpec),
      ),
      fieldSdl("Results read when the task ended.", listFieldSdl("results", taskResultSpec)),
      fieldSdl("Validator verdicts on the task.", listFieldSdl("validations", validationSpec)),
      fieldSdl(
        "The result read of the ended task; null before the task ended.",
        "resultFetch: TaskResultFetch",
      ),
    ],
  })}

  ${listTypesSdl(taskSpec)}

  extend type Query {
    ${listFieldSdl("tasks", taskSpec)}
    task(chainId: Int!, sessionId: BigInt!, taskId: BigInt!): Task
  }
`;

/** Resolvers of the task queries; every relation goes through a dataloader. */
export const taskResolvers = {
  Query: {
    tasks: listResolver(taskSpec),
    task: lookupResolver(taskSpec),
  },
  Task: {
    session: relatedRowResolver(sessionOfTask),
    assignments: childPageResolver(taskAssignmentsOfTask),
    results: childPageResolver(taskResultsOfTask),
    validations: childPageResolver(validationsOfTask),
    resultFetch: relatedRowResolver(resultFetchOfTask),
  },
};
