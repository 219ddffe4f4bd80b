import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  type DocumentNode,
  type GraphQLScalarType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from "graphql";
import { ApiInputError } from "../errors.ts";

/** Root fields that are about phases themselves and take no `phase`. */
const PHASE_FREE_FIELDS = new Set(["phases"]);

const PHASE_ARGUMENT_DESCRIPTION =
  "Phase to read (see `phases`); default: the phase the API serves. All root fields of one operation must name the same phase.";

/**
 * Adds `phase: String` to every root query field: any query can read an archived phase. The
 * argument is resolved once per operation (requestedPhase), not by each resolver.
 */
export function withPhaseArgument<T extends Parameters<typeof mapSchema>[0]>(schema: T): T {
  // The schema's own String: graphql-js refuses types of another copy of the module.
  const string = schema.getType("String") as GraphQLScalarType;
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, fieldName) =>
      PHASE_FREE_FIELDS.has(fieldName)
        ? field
        : {
            ...field,
            args: {
              ...field.args,
              phase: { type: string, description: PHASE_ARGUMENT_DESCRIPTION },
            },
          },
  }) as T;
}

/** What a GraphQL request sent, as yoga hands it to the context factory. */
export interface RequestParams {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

function selectedOperation(document: DocumentNode, name?: string | null) {
  return document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (!name || definition.name?.value === name),
  );
}

/**
 * The phase an operation's root fields ask for, or undefined for none (the serving phase).
 * Called after yoga validated the document, so it parses.
 *
 * @throws ApiInputError (`phase`) when root fields ask for different phases, or one is not a string.
 */
export function requestedPhase(params: RequestParams): string | undefined {
  if (!params.query) return undefined;
  const document = parse(params.query);
  const operation = selectedOperation(document, params.operationName);
  if (operation?.operation !== "query") return undefined;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const asked = new Set<unknown>();
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      } else {
        const argument = selection.arguments?.find((arg) => arg.name.value === "phase");
        if (!argument) continue;
        const { value } = argument;
        if (value.kind === Kind.STRING) asked.add(value.value);
        else if (value.kind === Kind.VARIABLE) asked.add(params.variables?.[value.name.value]);
      }
    }
  };
  visit(operation.selectionSet);
  asked.delete(undefined);
  asked.delete(null);
  if (asked.size > 1) {
    throw new ApiInputError("phase", "all root fields of one operation must read the same phase");
  }
  const [phase] = asked;
  if (phase !== undefined && typeof phase !== "string") {
    throw new ApiInputError("phase", "expected a phase id");
  }
  return phase;
}
