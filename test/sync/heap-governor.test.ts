import { setTimeout as sleep } from "node:timers/promises";
import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { guardHeapCeiling } from "../../src/sync/heap-governor.ts";

const MB = 1024 * 1024;
const heapInUse = () => v8.getHeapStatistics().used_heap_size;

describe("guardHeapCeiling", () => {
  it("collects the garbage as soon as the heap passes the ceiling, without waiting for a batch", async () => {
    const before = heapInUse();
    // Arrays this large live in V8's large-object space, which only a full collection frees:
    // left alone, their memory stays in use for the rest of this test.
    let garbage: number[][] | null = Array.from({ length: 12 }, () =>
      new Array<number>(1_000_000).fill(0.5),
    );
    expect(garbage).toHaveLength(12);
    garbage = null;
    expect(heapInUse()).toBeGreaterThan(before + 64 * MB);

    const stop = guardHeapCeiling(before + 32 * MB, 20);
    try {
      await sleep(300);
    } finally {
      stop();
    }
    expect(heapInUse()).toBeLessThan(before + 32 * MB);
  });
});
