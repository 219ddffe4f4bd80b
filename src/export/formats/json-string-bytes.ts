import { copyBytes } from "./copy-bytes.ts";

/** The most bytes JSON escaping turns one byte into (`\u001f`). */
export const MAX_ESCAPED_BYTES_PER_BYTE = 6;

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const HEX = "0123456789abcdef";

/** The short escapes JSON has for control characters; the others are written `\u00XX`. */
const SHORT_ESCAPES: Record<number, number> = {
  8: 0x62, // \b
  9: 0x74, // \t
  10: 0x6e, // \n
  12: 0x66, // \f
  13: 0x72, // \r
};

/** 1 for the bytes JSON escapes: control characters, quote and backslash (one load a byte). */
const ESCAPED = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte++) ESCAPED[byte] = 1;
ESCAPED[QUOTE] = 1;
ESCAPED[BACKSLASH] = 1;

/**
 * Writes the UTF-8 text `source[start, end)` into `target` at `at` as the inside of a JSON
 * string, as JSON.stringify escapes it (quote, backslash and control characters; every other
 * byte, multi-byte characters included, as it is). Returns the position after the last byte.
 * `target` must have room for MAX_ESCAPED_BYTES_PER_BYTE times the text.
 */
export function escapeJsonStringInto(
  source: Buffer,
  start: number,
  end: number,
  target: Buffer,
  at: number,
): number {
  let clean = start;
  while (clean < end && ESCAPED[source[clean] as number] === 0) clean++;
  let written = copyBytes(source, start, clean, target, at);
  for (let index = clean; index < end; index++) {
    const byte = source[index] as number;
    if (ESCAPED[byte] === 0) {
      target[written++] = byte;
      continue;
    }
    target[written++] = BACKSLASH;
    if (byte === QUOTE || byte === BACKSLASH) {
      target[written++] = byte;
      continue;
    }
    const short = SHORT_ESCAPES[byte];
    if (short !== undefined) {
      target[written++] = short;
      continue;
    }
    written += target.write(`u00${HEX[byte >> 4]}${HEX[byte & 15]}`, written, "latin1");
  }
  return written;
}
