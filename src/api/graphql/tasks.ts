import { TASK_STATUSES } from "../../projection/task-status.ts";
import type { ApiContext } from "./context.ts";
import { sessionTasks, TASK_PHASES, taskSpec } from "./entities.ts";
import { type Row, valuesOf } from "./entity-spec.ts";
import { primaryKeyFromArgs } from "./keys.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { fetchPage, type ListArgs } from "./pagination.ts";

const phaseFieldsSdl = TASK_PHASES.map(
  (phase) => `"Block of the first ${phase} event."
    ${phase}Block: BigInt
    "Unix seconds of the first ${phase} event."
    ${phase}At: BigInt`,
).join("\n    ");

/** SDL of `Task`, the `tasks` list and `task` lookup. */
export const taskTypeDefs = /* GraphQL */ `
  "Where a task is in the queue lifecycle; it only moves forward."
  enum TaskStatus {
    ${TASK_STATUSES.join("\n    ")}
  }

  "A task of a session."
  type Task {
    chainId: Int!
    sessionId: BigInt!
    taskId: BigInt!
    globalId: BigInt
    status: TaskStatus!
    taskData: String
    clientReference: String
    "Miners of the latest assignment."
    miners: [String!]
    "Miners listed when the task ended."
    finalMiners: [String!]
    ackCount: Int!
    precommitCount: Int!
    commitCount: Int!
    ${phaseFieldsSdl}
    "The task's session; null if its creation was not indexed."
    session: Session
  }

  ${listTypesSdl(taskSpec)}

  extend type Query {
    ${listFieldSdl("tasks", taskSpec)}
    task(chainId: Int!, sessionId: BigInt!, taskId: BigInt!): Task
  }
`;

/** Resolvers of the task queries; `Task.session` goes through a dataloader. */
export const taskResolvers = {
  Query: {
    tasks: (_: unknown, args: ListArgs, context: ApiContext) =>
      fetchPage(context.db, taskSpec, args, context.maxPageSize),
    task: (_: unknown, args: Record<string, unknown>, context: ApiContext) =>
      context.loaders.tasks.load(primaryKeyFromArgs(taskSpec, args)),
  },
  Task: {
    session: (task: Row, _: unknown, context: ApiContext) =>
      context.loaders.sessions.load(valuesOf(task, sessionTasks.parentKey)),
  },
};
