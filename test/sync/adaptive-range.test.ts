import { describe, expect, it } from "vitest";
import { AdaptiveRange, isRangeTooLargeError } from "../../src/sync/adaptive-range.ts";

describe("AdaptiveRange", () => {
  it("starts at a quarter of the maximum and follows the log density", () => {
    const range = new AdaptiveRange(2000n, 1000);
    expect(range.current).toBe(500n);
    range.record(500n, 5000); // 10 logs a block: 100 blocks make 1000 logs
    expect(range.current).toBe(100n);
    range.record(100n, 10); // quiet stretch: grows, but only doubling
    expect(range.current).toBe(200n);
    for (let i = 0; i < 10; i++) range.record(range.current, 0);
    expect(range.current).toBe(2000n);
  });

  it("does not grow after a span cut short by the head", () => {
    const range = new AdaptiveRange(2000n, 1000);
    range.record(1n, 0);
    expect(range.current).toBe(500n);
    range.record(10n, 5000);
    expect(range.current).toBe(2n);
  });

  it("stays below half of a span a provider refused", () => {
    const range = new AdaptiveRange(2000n, 1000);
    expect(range.shrink(400n)).toBe(true);
    expect(range.current).toBe(200n);
    for (let i = 0; i < 10; i++) range.record(range.current, 0);
    expect(range.current).toBe(200n);
    const tiny = new AdaptiveRange(4n);
    expect(tiny.shrink(1n)).toBe(false);
  });

  it("tells range refusals from other failures", () => {
    expect(isRangeTooLargeError(new Error("query returned more than 10000 results"))).toBe(true);
    expect(isRangeTooLargeError(new Error("HTTP response body exceeded the size limit"))).toBe(
      true,
    );
    expect(isRangeTooLargeError(new Error("connection refused"))).toBe(false);
  });
});
