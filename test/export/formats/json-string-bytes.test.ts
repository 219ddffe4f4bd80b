import { describe, expect, it } from "vitest";
import {
  escapeJsonStringInto,
  MAX_ESCAPED_BYTES_PER_BYTE,
} from "../../../src/export/formats/json-string-bytes.ts";

/** The JSON string body escapeJsonStringInto writes for `text`. */
function escaped(text: string): string {
  const source = Buffer.from(text);
  const target = Buffer.alloc(source.length * MAX_ESCAPED_BYTES_PER_BYTE);
  return target.subarray(0, escapeJsonStringInto(source, 0, source.length, target, 0)).toString();
}

describe("escapeJsonStringInto", () => {
  it("escapes exactly as JSON.stringify does, control characters included", () => {
    const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join("");
    for (const text of [
      "",
      "0xabcdef",
      'a "quoted" \\ backslash',
      controls,
      `${controls}\u007f after DEL`,
      "ünïcödé, 漢字, emoji 🙂 and \u2028 line separator",
    ]) {
      expect(`"${escaped(text)}"`).toBe(JSON.stringify(text));
      expect(JSON.parse(`"${escaped(text)}"`)).toBe(text);
    }
  });

  it("writes only the requested slice, at the requested position", () => {
    const source = Buffer.from('xx"yy');
    const target = Buffer.alloc(16, 0x2e);
    const end = escapeJsonStringInto(source, 1, 4, target, 2);
    expect(target.subarray(0, end).toString()).toBe('..x\\"y');
  });
});
