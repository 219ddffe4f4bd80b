import type {
  ASTVisitor,
  IntValueNode,
  ObjectValueNode,
  StringValueNode,
  ValidationContext,
} from "graphql";
import { createGraphQLError } from "graphql-yoga";
import { BigIntScalar, parseBigIntInput } from "./scalars.ts";

/**
 * The type name under list and non-null wrappers. Read structurally rather than with graphql's
 * instanceof helpers, which throw when a test runner loads graphql's ESM and CJS builds side by side.
 */
function namedTypeName(type: unknown): string | undefined {
  let current = type;
  while (current && typeof current === "object" && "ofType" in current) current = current.ofType;
  return (current as { name?: string } | null | undefined)?.name;
}

/** `where`, `OR`, `[1]`, `owner` → `where.OR[1].owner`, as resolver-side errors name paths. */
function formatPath(segments: readonly string[]): string {
  return segments.reduce(
    (path, segment) => (segment.startsWith("[") || !path ? path + segment : `${path}.${segment}`),
    "",
  );
}

/** The visitor's key is the index when the node is an item of a list value. */
const listIndex = (key: string | number | undefined) =>
  typeof key === "number" ? [`[${key}]`] : [];

/**
 * Validation rule refusing malformed BigInt literals with the path of the argument or input field
 * they were given for (e.g. `where.sessionId_in[1]`), which graphql-js's own message lacks.
 * Variables need no rule: graphql-js already names their path when BigInt.parseValue throws.
 */
export function bigIntLiteralRule(context: ValidationContext): ASTVisitor {
  const path: string[] = [];
  const enterName = (node: { name: { value: string } }) => {
    path.push(node.name.value);
  };
  const leave = () => {
    path.pop();
  };
  const check = (node: StringValueNode | IntValueNode, key: string | number | undefined) => {
    if (namedTypeName(context.getInputType()) !== BigIntScalar.name) return;
    try {
      parseBigIntInput(node.value);
    } catch (error) {
      const where = formatPath([...path, ...listIndex(key)]);
      context.reportError(
        createGraphQLError(`${where}: ${(error as Error).message}`, {
          nodes: node,
          extensions: { code: "BAD_USER_INPUT", argument: where },
        }),
      );
    }
  };
  return {
    Argument: { enter: enterName, leave },
    ObjectField: { enter: enterName, leave },
    ObjectValue: {
      enter: (_node: ObjectValueNode, key) => {
        path.push(...listIndex(key));
      },
      leave: (_node: ObjectValueNode, key) => {
        if (typeof key === "number") path.pop();
      },
    },
    StringValue: check,
    IntValue: check,
  };
}
