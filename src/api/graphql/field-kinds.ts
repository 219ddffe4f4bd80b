import { InvalidValueError } from "../errors.ts";
import { parseBigIntInput } from "./scalars.ts";

/** What a filterable column holds, which decides its GraphQL type, operators and conversions. */
export type FieldKind =
  | "int"
  | "bigint"
  | "uint256"
  | "text"
  | "address"
  | "hash"
  | "enum"
  | "boolean";

/** How one kind of column takes GraphQL inputs and round-trips through cursors. */
export interface FieldKindBehaviour {
  /** GraphQL type of filter values; null for enums, which name their own type. */
  graphqlType: string | null;
  /** Numeric kinds get `_gt`, `_gte`, `_lt`, `_lte`. */
  comparable: boolean;
  /** Text kinds get `_starts_with`. */
  prefixSearch: boolean;
  /** GraphQL input → value compared with the column; throws InvalidValueError naming `path`. */
  toColumnValue(value: unknown, path: string): unknown;
  /** `_starts_with` input → the literal prefix to match; throws InvalidValueError naming `path`. */
  toPrefix(value: unknown, path: string): string;
  /** Column value → JSON kept in a cursor. */
  toCursorJson(value: unknown): string | number;
  /** Cursor JSON → column value; undefined when the JSON is not a value of this kind. */
  fromCursorJson(json: unknown): unknown;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT256_MAX = 2n ** 256n - 1n;
const DECIMAL = /^-?\d+$/;

function integerInput(value: unknown, path: string, min: bigint, max: bigint, range: string) {
  let decimal: string;
  try {
    decimal = parseBigIntInput(value);
  } catch (error) {
    throw new InvalidValueError(path, (error as Error).message);
  }
  const integer = BigInt(decimal);
  if (integer < min || integer > max) {
    throw new InvalidValueError(path, `${decimal} is outside ${range}`);
  }
  return integer;
}

function hexInput(bytes: number, noun: string) {
  const digits = bytes * 2;
  const read = (pattern: RegExp, expected: string) => (value: unknown, path: string) => {
    const hex = String(value).toLowerCase();
    if (!pattern.test(hex)) {
      throw new InvalidValueError(path, `expected ${expected}, got ${JSON.stringify(value)}`);
    }
    return hex;
  };
  return {
    toColumnValue: read(
      new RegExp(`^0x[0-9a-f]{${digits}}$`),
      `${noun}: 0x and ${digits} hex digits`,
    ),
    toPrefix: read(
      new RegExp(`^0x[0-9a-f]{0,${digits}}$`),
      `the start of ${noun}: 0x and up to ${digits} hex digits`,
    ),
  };
}

function noPrefixSearch(_value: unknown, path: string): never {
  throw new InvalidValueError(path, "prefix search is not supported for this field");
}

const stringCursor = {
  toCursorJson: (value: unknown) => String(value),
  fromCursorJson: (json: unknown) => (typeof json === "string" ? json : undefined),
};

const decimalCursor = {
  toCursorJson: (value: unknown) => String(value),
  fromCursorJson: (json: unknown) =>
    typeof json === "string" && DECIMAL.test(json) ? json : undefined,
};

const textBehaviour: FieldKindBehaviour = {
  graphqlType: "String",
  comparable: false,
  prefixSearch: true,
  toColumnValue: (value) => String(value),
  toPrefix: (value) => String(value),
  ...stringCursor,
};

/** The behaviour of every field kind; filters, ordering and cursors all read it from here. */
export const fieldKinds: Record<FieldKind, FieldKindBehaviour> = {
  int: {
    graphqlType: "Int",
    comparable: true,
    prefixSearch: false,
    toColumnValue: (value) => value,
    toPrefix: noPrefixSearch,
    toCursorJson: (value) => Number(value),
    fromCursorJson: (json) => (Number.isSafeInteger(json) ? json : undefined),
  },
  bigint: {
    graphqlType: "BigInt",
    comparable: true,
    prefixSearch: false,
    toColumnValue: (value, path) =>
      integerInput(value, path, INT64_MIN, INT64_MAX, "the 64-bit range of this field"),
    toPrefix: noPrefixSearch,
    toCursorJson: decimalCursor.toCursorJson,
    fromCursorJson: (json) => {
      const decimal = decimalCursor.fromCursorJson(json);
      return decimal === undefined ? undefined : BigInt(decimal);
    },
  },
  uint256: {
    graphqlType: "BigInt",
    comparable: true,
    prefixSearch: false,
    toColumnValue: (value, path) =>
      integerInput(value, path, 0n, UINT256_MAX, "the uint256 range").toString(),
    toPrefix: noPrefixSearch,
    ...decimalCursor,
  },
  text: textBehaviour,
  address: { ...textBehaviour, ...hexInput(20, "an address") },
  hash: { ...textBehaviour, ...hexInput(32, "a hash") },
  enum: { ...textBehaviour, graphqlType: null, prefixSearch: false, toPrefix: noPrefixSearch },
  boolean: {
    graphqlType: "Boolean",
    comparable: false,
    prefixSearch: false,
    toColumnValue: (value) => value === true,
    toPrefix: noPrefixSearch,
    toCursorJson: (value) => (value ? 1 : 0),
    fromCursorJson: (json) => (json === 1 ? true : json === 0 ? false : undefined),
  },
};
