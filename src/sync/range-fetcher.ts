import type { Hex, PublicClient } from "viem";
import { agreedLogs } from "../chain/agreed-logs.ts";
import { fetchBlockHeader, fetchLogsInRange } from "../chain/fetch-logs.ts";
import type { IndexedContract } from "../config/load-network.ts";
import { eventCopyData } from "../db/write-events.ts";
import { type AdaptiveRange, isRangeTooLargeError } from "./adaptive-range.ts";
import { addressesLiveAt, decodeContractLogs } from "./decode-contract-logs.ts";

/** Consecutive blocks fetched and decoded, with what the store needs of the last one. */
export interface FetchedRange {
  from: bigint;
  to: bigint;
  /** How many logs the range has. */
  logCount: number;
  /**
   * The logs, decoded, as `raw_logs` COPY lines (UTF-8): all the store needs of them. The decoded
   * objects are dropped as soon as this is built, so that ranges waiting for the writer are one
   * compact buffer each, not thousands of objects the collector would trace and promote.
   */
  eventsCopy: Buffer;
  toHash: Hex;
  toTimestamp: bigint;
}

export interface RangeFetcherOptions {
  chainId: number;
  client: PublicClient;
  /** Asked for the second answer of a cross-checked range (default `client`). */
  checkClient?: PublicClient;
  /** Share of ranges cross-checked (see agreed-logs.ts). Default 0. */
  crossCheckRatio?: number;
  contracts: readonly IndexedContract[];
  range: AdaptiveRange;
  /** eth_getLogs calls in flight at once (hides the provider's latency). Default 2. */
  concurrency?: number;
  /** Ranges fetched ahead of the writer, in flight or waiting: bounds memory. Default 3. */
  maxAhead?: number;
}

interface Slot {
  promise: Promise<FetchedRange>;
  settled: boolean;
}

/** Joins consecutive ranges into one. */
export function joinRanges(first: FetchedRange, next: FetchedRange): FetchedRange {
  return {
    from: first.from,
    to: next.to,
    logCount: first.logCount + next.logCount,
    eventsCopy: Buffer.concat([first.eventsCopy, next.eventsCopy]),
    toHash: next.toHash,
    toTimestamp: next.toTimestamp,
  };
}

/**
 * Fetches and decodes a chain's logs ahead of the writer (a fetch job storing them, see
 * store/fetch-into-store.ts): while one batch is written, the next
 * ranges are already on their way (a few eth_getLogs in flight, each with its end block's header
 * in the same JSON-RPC batch), and at most `maxAhead` ranges wait, so memory stays flat
 * whatever the backlog. Ranges come out in order; a provider refusing a range has it split in
 * halves. An error surfaces at the `take` that reaches it.
 */
export class RangeFetcher {
  private readonly slots: Slot[] = [];
  private inFlight = 0;
  private nextFrom: bigint;
  /** Blocks of the slots not taken yet. */
  private pendingBlocks = 0n;
  /** A fill is due on the next timer tick. */
  private scheduled = false;
  private readonly contractsByAddress: Map<string, IndexedContract>;

  constructor(
    private readonly options: RangeFetcherOptions,
    from: bigint,
    private target: bigint,
  ) {
    this.nextFrom = from;
    this.contractsByAddress = new Map(options.contracts.map((c) => [c.address.toLowerCase(), c]));
    this.fill();
  }

  /** The first block the next `take` returns. */
  get position(): bigint {
    return this.nextFrom - this.pendingBlocks;
  }

  /** Moves the last block to fetch (the final head moved on). */
  extendTo(target: bigint): void {
    if (target > this.target) this.target = target;
    this.fill();
  }

  /**
   * The next fetched range, joined with the following ones already fetched while it has fewer
   * than `maxLogs` logs; null when everything up to the target has been taken.
   */
  async take(maxLogs: number): Promise<FetchedRange | null> {
    this.fill();
    const first = this.slots.shift();
    if (!first) return null;
    let batch = await first.promise;
    this.taken(batch);
    while (batch.logCount < maxLogs && this.slots[0]?.settled) {
      const next = await (this.slots.shift() as Slot).promise;
      this.taken(next);
      batch = joinRanges(batch, next);
    }
    this.fill();
    return batch;
  }

  private taken(range: FetchedRange): void {
    this.pendingBlocks -= range.to - range.from + 1n;
  }

  /**
   * Starts a fetch when there is room ahead and blocks are left, and the next one a timer tick
   * later: viem joins the calls made before its batch timer fires into one HTTP request, and
   * two spans in one request would come back together (and count against the response size
   * limit together) instead of one being parsed while the provider prepares the other.
   */
  private fill(): void {
    const { concurrency = 2, maxAhead = 3, range } = this.options;
    if (
      this.scheduled ||
      this.inFlight >= concurrency ||
      this.slots.length >= maxAhead ||
      this.nextFrom > this.target
    ) {
      return;
    }
    const from = this.nextFrom;
    const end = from + range.current - 1n;
    const to = end < this.target ? end : this.target;
    this.nextFrom = to + 1n;
    this.pendingBlocks += to - from + 1n;
    this.inFlight += 1;
    const slot: Slot = { promise: this.fetchSpan(from, to), settled: false };
    slot.promise
      .catch(() => {})
      .finally(() => {
        slot.settled = true;
        this.inFlight -= 1;
        this.fill();
      });
    this.slots.push(slot);
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.fill();
    }, 0);
  }

  /** One span's logs and end header, split in halves while the provider refuses it. */
  private async fetchSpan(from: bigint, to: bigint): Promise<FetchedRange> {
    const { client, chainId, range, checkClient = client, crossCheckRatio = 0 } = this.options;
    const addresses = addressesLiveAt(this.options.contracts, to);
    const ask = (asked: PublicClient) => () =>
      fetchLogsInRange(asked, chainId, addresses, from, to);
    const fetchLogs = async () => {
      if (addresses.length === 0) return [];
      if (Math.random() >= crossCheckRatio) return ask(client)();
      return agreedLogs([ask(client), ask(checkClient)], `eth_getLogs [${from}, ${to}]`);
    };
    try {
      const [raw, header] = await Promise.all([fetchLogs(), fetchBlockHeader(client, to)]);
      if (!header) throw new Error(`chain ${chainId}: block ${to} vanished below the head`);
      range.record(to - from + 1n, raw.length);
      const { data, rows } = eventCopyData(decodeContractLogs(this.contractsByAddress, raw));
      return {
        from,
        to,
        logCount: rows,
        eventsCopy: data,
        toHash: header.hash,
        toTimestamp: header.timestamp,
      };
    } catch (error) {
      if (!isRangeTooLargeError(error) || from === to) throw error;
      range.shrink(to - from + 1n);
      const middle = from + (to - from) / 2n;
      const left = await this.fetchSpan(from, middle);
      return joinRanges(left, await this.fetchSpan(middle + 1n, to));
    }
  }
}
