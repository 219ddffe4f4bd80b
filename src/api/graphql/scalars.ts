import { GraphQLScalarType, Kind, type ValueNode, valueFromASTUntyped } from "graphql";
import { BigIntSyntaxError } from "../errors.ts";

/** uint256 needs 78 decimal digits; anything longer cannot be a value this API stores. */
const MAX_DIGITS = 78;
const DECIMAL_INTEGER = new RegExp(`^-?\\d{1,${MAX_DIGITS}}$`);

/**
 * Reads a BigInt input (a decimal string, or an integer) into its canonical decimal string:
 * no sign for zero, no leading zeros.
 */
export function parseBigIntInput(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isSafeInteger(value)) return value.toString();
  if (typeof value === "string" && DECIMAL_INTEGER.test(value)) return BigInt(value).toString();
  throw new BigIntSyntaxError(
    `expected a decimal integer string of at most ${MAX_DIGITS} digits (e.g. "42"), got ${JSON.stringify(
      typeof value === "bigint" ? value.toString() : value,
    )}`,
  );
}

/**
 * Integers of any size (uint256, block numbers, unix timestamps) as decimal strings, which JSON
 * numbers cannot carry without losing precision.
 */
export const BigIntScalar = new GraphQLScalarType({
  name: "BigInt",
  description:
    "An integer of any size, as a decimal string. Inputs accept decimal strings or Ints.",
  serialize: parseBigIntInput,
  parseValue: parseBigIntInput,
  parseLiteral(node: ValueNode) {
    if (node.kind !== Kind.STRING && node.kind !== Kind.INT) {
      throw new BigIntSyntaxError("BigInt expects a decimal string or an Int literal");
    }
    // Malformed literals are reported by bigIntLiteralRule, which knows the argument path that
    // parseLiteral does not; returning the text keeps graphql-js from reporting them twice.
    try {
      return parseBigIntInput(node.value);
    } catch {
      return node.value;
    }
  },
});

/** Arbitrary JSON (decoded event arguments), passed through unchanged. */
export const JsonScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value.",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => valueFromASTUntyped(node, variables),
});

/** SDL declaring the custom scalars; resolvers map them to the instances above. */
export const scalarTypeDefs = /* GraphQL */ `
  scalar BigInt
  scalar JSON
`;

/** The scalar instances, keyed by SDL name, for the resolver map. */
export const scalarResolvers = { BigInt: BigIntScalar, JSON: JsonScalar };
