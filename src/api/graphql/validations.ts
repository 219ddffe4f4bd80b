import { validationSpec } from "./assignment-entities.ts";
import { nodeOfMiner, taskOfRow } from "./entity-relations.ts";
import { listResolver, relatedRowResolver } from "./entity-resolvers.ts";
import { listFieldSdl, listTypesSdl } from "./list-sdl.ts";
import { entityTypeSdl, fieldSdl } from "./object-sdl.ts";

/** SDL of `Validation` and the `validations` list. */
export const validationTypeDefs = /* GraphQL */ `
  ${entityTypeSdl(validationSpec, {
    description: "A validator's verdict on a task result (provisional SessionQueueValidation ABI).",
    fieldDescriptions: {
      verdict: "VALID, INVALID, RETRY or NEEDS_SPEC (UNKNOWN_<n> for a value outside the enum).",
    },
    extraFields: [
      fieldSdl("The validated task.", "task: Task"),
      fieldSdl("The miner whose result was validated.", "node: Node"),
    ],
  })}

  ${listTypesSdl(validationSpec)}

  extend type Query {
    ${listFieldSdl("validations", validationSpec)}
  }
`;

/** Resolvers of `validations` and the validation relations. */
export const validationResolvers = {
  Query: {
    validations: listResolver(validationSpec),
  },
  Validation: {
    task: relatedRowResolver(taskOfRow),
    node: relatedRowResolver(nodeOfMiner),
  },
};
