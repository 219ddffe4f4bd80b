import { describe, expect, it } from "vitest";
import {
  type BlockSpan,
  fetchedThrough,
  mergeSpans,
  planFetches,
} from "../../../src/sync/store/block-spans.ts";

const span = (from: number, to: number): BlockSpan => ({ from: BigInt(from), to: BigInt(to) });
const contract = (address: string, startBlock: number) => ({
  address,
  startBlock: BigInt(startBlock),
});

describe("mergeSpans", () => {
  it("sorts, and joins overlapping and adjacent spans but not separate ones", () => {
    expect(
      mergeSpans([span(20, 30), span(0, 9), span(10, 12), span(11, 15), span(17, 18)]),
    ).toEqual([span(0, 15), span(17, 18), span(20, 30)]);
  });
});

describe("fetchedThrough", () => {
  const spans = new Map([
    ["0xa", [span(0, 99), span(150, 300)]],
    ["0xb", [span(50, 120)]],
  ]);

  it("stops at the first block some contract lacks", () => {
    expect(fetchedThrough(spans, [contract("0xa", 0), contract("0xb", 50)], 60n, 1000n)).toBe(99n);
  });

  it("is from − 1 when a contract lacks block `from`", () => {
    expect(fetchedThrough(spans, [contract("0xa", 0), contract("0xb", 50)], 100n, 1000n)).toBe(99n);
  });

  it("asks nothing of a contract before its start block, and stops where it starts unfetched", () => {
    expect(fetchedThrough(spans, [contract("0xa", 0), contract("0xc", 80)], 10n, 1000n)).toBe(79n);
    expect(fetchedThrough(spans, [contract("0xa", 0), contract("0xc", 500)], 150n, 1000n)).toBe(
      300n,
    );
  });

  it("never passes the limit", () => {
    expect(fetchedThrough(spans, [contract("0xa", 0)], 150n, 200n)).toBe(200n);
  });
});

describe("planFetches", () => {
  it("plans aligned cells, each for the contracts that lack some of it from `from` on", () => {
    const spans = new Map([["0xa", [span(0, 199)]]]);
    const planned = planFetches(
      spans,
      [contract("0xa", 0), contract("0xb", 120)],
      30n,
      330n,
      100n,
      10,
    );
    expect(planned).toEqual([
      { from: 120n, to: 199n, addresses: ["0xb"] },
      { from: 200n, to: 299n, addresses: ["0xa", "0xb"] },
      { from: 300n, to: 330n, addresses: ["0xa", "0xb"] },
    ]);
  });

  it("plans the same cells whatever block the projector is at, and at most maxCells", () => {
    const contracts = [contract("0xa", 0)];
    const fromStart = planFetches(new Map(), contracts, 0n, 10_000n, 100n, 3);
    expect(fromStart.map((cell) => [cell.from, cell.to])).toEqual([
      [0n, 99n],
      [100n, 199n],
      [200n, 299n],
    ]);
    const later = planFetches(new Map(), contracts, 150n, 10_000n, 100n, 2);
    expect(later.map((cell) => [cell.from, cell.to])).toEqual([
      [100n, 199n],
      [200n, 299n],
    ]);
    // Blocks below `from` (the projector is past them) plan nothing by themselves.
    const spans = new Map([["0xa", [span(150, 250)]]]);
    const past = planFetches(spans, contracts, 150n, 250n, 100n, 5);
    expect(past).toEqual([]);
  });

  it("plans nothing once every contract holds the range", () => {
    const spans = new Map([
      ["0xa", [span(0, 500)]],
      ["0xb", [span(120, 600)]],
    ]);
    expect(
      planFetches(spans, [contract("0xa", 0), contract("0xb", 120)], 0n, 500n, 100n, 10),
    ).toEqual([]);
  });
});
