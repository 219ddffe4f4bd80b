import { InvalidRangeError, InvalidValueError } from "../../errors.ts";
import { fieldKinds } from "../field-kinds.ts";

/** A half-open time range [from, to) in unix seconds. */
export interface TimeWindow {
  from: bigint;
  to: bigint;
}

/** A non-negative 64-bit integer argument (unix seconds, block number); throws naming `name`. */
export function nonNegativeInt64(value: unknown, name: string): bigint {
  const integer = fieldKinds.bigint.toColumnValue(value, name) as bigint;
  if (integer < 0n) throw new InvalidValueError(name, `must not be negative, got ${integer}`);
  return integer;
}

/** `from`/`to` arguments as a window; `to` must come after `from`. */
export function timeWindowArgs(args: { from: unknown; to: unknown }): TimeWindow {
  const from = nonNegativeInt64(args.from, "from");
  const to = nonNegativeInt64(args.to, "to");
  if (to <= from) {
    throw new InvalidRangeError("to", `must be after from (${from}), got ${to}`);
  }
  return { from, to };
}

/** Rounds to 6 decimals, so floats print the same whatever order Postgres summed in. */
export function roundFloat(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Math.round(value * 1e6) / 1e6;
}
