import type { StoreContract } from "../../db/control-schema/index.ts";

/**
 * Block-span arithmetic of the sync store, pure: which blocks of a contract were fetched, how far
 * a projector can read, and which spans are still to fetch. Spans include both ends.
 */

export interface BlockSpan {
  from: bigint;
  to: bigint;
}

export type { StoreContract };

/** Fetched spans by lower-case address, each list sorted and merged (see mergeSpans). */
export type FetchedSpans = ReadonlyMap<string, readonly BlockSpan[]>;

/** Sorts spans and joins the overlapping and adjacent ones. */
export function mergeSpans(spans: readonly BlockSpan[]): BlockSpan[] {
  const sorted = [...spans].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: BlockSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to + 1n) {
      if (span.to > last.to) last.to = span.to;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** The last block of the fetched run that starts at `block`, or `block − 1` when it is not fetched. */
function runEnd(spans: readonly BlockSpan[], block: bigint): bigint {
  for (const span of spans) {
    if (span.from <= block && block <= span.to) return span.to;
  }
  return block - 1n;
}

/**
 * The last block up to which every contract's logs from `from` on are in the store (`from − 1`
 * when some contract lacks block `from`), at most `limit`. A contract that starts above a block
 * needs nothing there.
 */
export function fetchedThrough(
  spans: FetchedSpans,
  contracts: readonly StoreContract[],
  from: bigint,
  limit: bigint,
): bigint {
  let through = limit;
  for (const contract of contracts) {
    if (contract.startBlock > through) continue;
    const first = maxBigint(contract.startBlock, from);
    const end = runEnd(spans.get(contract.address) ?? [], first);
    if (end < through) through = end;
  }
  return through;
}

/** A span to fetch, and the contracts that still lack some of its blocks. */
export interface PlannedFetch extends BlockSpan {
  addresses: string[];
}

/** The largest of bigints (Math.max takes numbers only). */
export const maxBigint = (...values: bigint[]): bigint =>
  // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.max does not take
  values.reduce((highest, value) => (value > highest ? value : highest));

/** Whether `spans` hold every block of [from, to]. */
function covers(spans: readonly BlockSpan[], from: bigint, to: bigint): boolean {
  return runEnd(spans, from) >= to;
}

/**
 * The spans to fetch for [from, limit], in order: the chain is cut into cells of `cellBlocks`
 * blocks aligned on multiples of it, so that every process plans the same cells wherever its
 * projector is (and a queue that dedupes by id runs each once), and a cell whose blocks from
 * `from` on a contract lacks is planned whole, from the contract's start. At `maxCells` cells are looked at.
 */
export function planFetches(
  spans: FetchedSpans,
  contracts: readonly StoreContract[],
  from: bigint,
  limit: bigint,
  cellBlocks: bigint,
  maxCells: number,
): PlannedFetch[] {
  const planned: PlannedFetch[] = [];
  let cellStart = (from / cellBlocks) * cellBlocks;
  for (let cell = 0; cell < maxCells && cellStart <= limit; cell += 1) {
    const cellEnd = cellStart + cellBlocks - 1n < limit ? cellStart + cellBlocks - 1n : limit;
    let spanFrom: bigint | null = null;
    const addresses: string[] = [];
    for (const contract of contracts) {
      if (contract.startBlock > cellEnd) continue;
      const needed = maxBigint(contract.startBlock, cellStart, from);
      if (covers(spans.get(contract.address) ?? [], needed, cellEnd)) continue;
      addresses.push(contract.address);
      // The whole cell, even below `from`: the job's id must not move with the projector.
      const first = maxBigint(contract.startBlock, cellStart);
      if (spanFrom === null || first < spanFrom) spanFrom = first;
    }
    if (spanFrom !== null)
      planned.push({ from: spanFrom, to: cellEnd, addresses: addresses.sort() });
    cellStart += cellBlocks;
  }
  return planned;
}
