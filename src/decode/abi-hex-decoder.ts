import type { AbiParameter } from "viem";

/**
 * ABI decoding straight from the hex text of a log, for the parameter types Cortensor's events
 * use (uintN, address, bool, bytesN, string, bytes, and dynamic arrays of the static ones). It
 * gives what viem's decodeAbiParameters followed by toJsonValue gives, value for value, and
 * fails where viem fails (out-of-bounds offsets and lengths, unsafe integers, non-boolean
 * bools), several times faster: no byte array, no cursor, no address checksums. Types it does
 * not know compile to null, and their events keep viem's decoder.
 */

/** Raised on data viem would also refuse; the caller treats the log as undecodable. */
export class AbiHexDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AbiHexDecodeError";
  }
}

/** The hex text being decoded (lowercase, without 0x) and its size in bytes. */
export interface HexData {
  hex: string;
  size: number;
  /** Bytes of strings and bytes decoded so far, bounded like viem's (32× the data). */
  budget: number;
}

/** Decodes the parameter whose head slot starts at byte `position`. */
export type ParamDecoder = (data: HexData, position: number) => unknown;

const utf8 = new TextDecoder();

/** viem's cursor refuses to move to a position at or past the end. */
function assertPosition(data: HexData, position: number): void {
  if (position < 0 || position > data.size - 1) {
    throw new AbiHexDecodeError(`position ${position} is outside ${data.size} bytes`);
  }
}

/** The 64 hex digits of the word at `position`. */
function word(data: HexData, position: number): string {
  assertPosition(data, position);
  if (position + 32 > data.size) throw new AbiHexDecodeError(`word at ${position} is cut short`);
  return data.hex.slice(position * 2, position * 2 + 64);
}

/** An offset or length: viem refuses integers beyond Number.MAX_SAFE_INTEGER. */
function safeNumber(data: HexData, position: number): number {
  const value = Number(BigInt(`0x${word(data, position)}`));
  if (!Number.isSafeInteger(value)) throw new AbiHexDecodeError(`unsafe integer at ${position}`);
  return value;
}

/** The raw bytes' hex of a string or bytes value whose head slot is at `position`. */
function tailBytes(data: HexData, position: number): string | null {
  const start = safeNumber(data, position);
  assertPosition(data, start);
  const length = safeNumber(data, start);
  if (length === 0) return null;
  assertPosition(data, start + 32 + length - 1);
  data.budget += length;
  if (data.budget > data.size * 32) throw new AbiHexDecodeError("decoded size limit exceeded");
  return data.hex.slice((start + 32) * 2, (start + 32 + length) * 2);
}

/** Decoders of the static types, or null for a type this decoder leaves to viem. */
function staticDecoder(type: string): ParamDecoder | null {
  if (type === "address") return (data, position) => `0x${word(data, position).slice(24)}`;
  if (type === "bool") {
    return (data, position) => {
      const value = word(data, position);
      const last = value.slice(62);
      if (value.startsWith("0".repeat(62)) && (last === "00" || last === "01")) {
        return last === "01";
      }
      throw new AbiHexDecodeError(`invalid bool at ${position}`);
    };
  }
  const uint = /^uint(\d*)$/.exec(type);
  if (uint) {
    const bits = Number(uint[1] || "256");
    if (bits > 48) return (data, position) => BigInt(`0x${word(data, position)}`).toString();
    return safeNumber;
  }
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    const length = Number(fixed[1]);
    if (length < 1 || length > 32) return null;
    return (data, position) => {
      assertPosition(data, position);
      if (position + length > data.size) throw new AbiHexDecodeError(`bytes${length} cut short`);
      return `0x${data.hex.slice(position * 2, (position + length) * 2)}`;
    };
  }
  return null;
}

/** toJsonValue's rule for strings: anything starting with 0x is lowercased. */
const jsonString = (value: string) => (value.startsWith("0x") ? value.toLowerCase() : value);

/**
 * A decoder of one parameter at top level (head slots 32 bytes apart), or null when the type is
 * not one this decoder knows.
 */
export function compileParamDecoder(parameter: AbiParameter): ParamDecoder | null {
  const { type } = parameter;
  if (type === "string") {
    return (data, position) => {
      const bytes = tailBytes(data, position);
      return bytes === null ? "" : jsonString(utf8.decode(Buffer.from(bytes, "hex")));
    };
  }
  if (type === "bytes") {
    return (data, position) => `0x${tailBytes(data, position) ?? ""}`;
  }
  const array = /^(.+)\[\]$/.exec(type);
  if (array) {
    const element = staticDecoder(array[1] as string);
    if (!element) return null;
    return (data, position) => {
      const start = safeNumber(data, position);
      assertPosition(data, start);
      const length = safeNumber(data, start);
      const values: unknown[] = [];
      for (let i = 0; i < length; i++) {
        const at = start + 32 + i * 32;
        assertPosition(data, at);
        values.push(element(data, at));
      }
      return values;
    };
  }
  return staticDecoder(type);
}

/** Whether an indexed parameter's topic is the value's hash rather than the value. */
export function isHashedTopic(parameter: AbiParameter): boolean {
  const { type } = parameter;
  return type === "string" || type === "bytes" || type === "tuple" || /\[\d*\]$/.test(type);
}

const HEX = /^0x[0-9a-fA-F]*$/;

/**
 * The hex of `value` ready for decoding, or null when it is not even-length hex: such input is
 * left to viem, whose byte conversion handles (or refuses) it its own way.
 */
export function hexData(value: string): HexData | null {
  if (value.length % 2 !== 0 || !HEX.test(value)) return null;
  return { hex: value.slice(2).toLowerCase(), size: (value.length - 2) / 2, budget: 0 };
}
