import { setTimeout as sleep } from "node:timers/promises";
import { InvalidRpcResponseError } from "../../chain/errors.ts";
import { fetchBlockHeader } from "../../chain/fetch-logs.ts";
import { OneOffJobRunner } from "../../queue/one-off-jobs.ts";
import type { OneOffJob } from "../../queue/work-queue.ts";
import { StoreChainMismatchError } from "../errors.ts";
import { readBatchRows } from "../projection-store.ts";
import { planFetches, type StoreContract } from "./block-spans.ts";
import {
  type FetchJobData,
  fetchIntoStore,
  fetchJobOf,
  type StoreFetchOptions,
  storeContractOf,
} from "./fetch-into-store.ts";
import { DEFAULT_WINDOW_BLOCKS, readStoredRange, type StoredRange } from "./read-stored-range.ts";
import { loadFetchedSpans } from "./store-fetched-span.ts";

/** Where fetch jobs go: the work queue, so that any worker process may take them. */
export interface FetchJobSink {
  enqueue(jobs: readonly OneOffJob[]): Promise<void>;
}

/**
 * A fetch job spans the network file's maximum eth_getLogs range, and at least MIN_CELL_BLOCKS:
 * a job costs a queue round trip and a store transaction or more, so a network with tiny ranges
 * still gets jobs worth their overhead.
 */
const MIN_CELL_BLOCKS = 1_000n;
/**
 * Fetch jobs planned ahead of the projector: enough for a process's two fetch slots and a second
 * process to fetch side by side, few enough that fetching does not race ahead and take the cores
 * the projector and Postgres need. With 8, a 1M bench backfill's fetch thread was busy 90% of its
 * first third and idle in its last, and backfills took 80-85 s against 75 s with 3.
 */
const CELLS_AHEAD = 3;
/** How often a projector waiting for the store looks again. */
const STORE_POLL_MS = 25;
/** How often the fetches are planned again (each plan reads the intervals and asks the queue). */
const PLAN_EVERY_MS = 250;
/** Fetch jobs a syncer without a queue runs at once. */
const LOCAL_FETCHES = 2;

export interface StoredFinalBlocksOptions extends StoreFetchOptions {
  /** Where fetch jobs go; without it the syncer runs them itself, in this process. */
  fetchQueue?: FetchJobSink;
}

/**
 * A chain's final blocks as its projector reads them: from the sync store, filled ahead by
 * `fetch-logs` jobs that this reader plans. Every call plans the cells the store lacks up to
 * CELLS_AHEAD ahead (the same cells whoever plans, so a queue that dedupes by id fetches each
 * once), then returns the next stored blocks, waiting for fetches while they are not there.
 */
export class StoredFinalBlocks {
  private readonly contracts: StoreContract[];
  private readonly sink: FetchJobSink;
  private readonly cellBlocks: bigint;
  /** A failure of a local fetch, thrown at the next read that finds nothing. */
  private fetchError: unknown;
  private plannedAt = 0;
  /** Blocks the last range read spanned: where the next read's first window ends. */
  private windowBlocks = DEFAULT_WINDOW_BLOCKS;
  /** The read of the blocks after the last range returned, started while that one is written. */
  private ahead: {
    from: bigint;
    limit: bigint;
    range: Promise<StoredRange | null>;
    abort: AbortController;
  } | null = null;

  constructor(private readonly options: StoredFinalBlocksOptions) {
    this.contracts = options.chain.contracts.map(storeContractOf);
    const cellBlocks = BigInt(options.chain.maxBlockRange);
    this.cellBlocks = cellBlocks > MIN_CELL_BLOCKS ? cellBlocks : MIN_CELL_BLOCKS;
    if (options.fetchQueue) {
      this.sink = options.fetchQueue;
    } else {
      const runner = new OneOffJobRunner(
        async (job) => {
          await fetchIntoStore(options, job.data as unknown as FetchJobData);
        },
        LOCAL_FETCHES,
        (_job, error) => {
          this.fetchError = error;
        },
      );
      this.sink = { enqueue: async (jobs) => runner.add(jobs) };
    }
  }

  /** Plans the fetches of [from, limit] the store lacks, up to CELLS_AHEAD cells. */
  async plan(from: bigint, limit: bigint): Promise<void> {
    const { db, chain } = this.options;
    const addresses = this.contracts.map((contract) => contract.address);
    const spans = await loadFetchedSpans(db, chain.chainId, addresses, from);
    const planned = planFetches(spans, this.contracts, from, limit, this.cellBlocks, CELLS_AHEAD);
    await this.sink.enqueue(planned.map((fetch) => fetchJobOf(chain.chainId, fetch)));
  }

  /**
   * The next stored blocks from `from` (at most `limit`), about `maxLogs` logs; waits for the
   * fetches until `deadline` (epoch ms), then returns null. The read of the blocks after them,
   * and of the rows their logs touch, starts at once, so that it runs while the caller writes
   * these.
   */
  async next(
    from: bigint,
    limit: bigint,
    maxLogs: number,
    deadline: number,
  ): Promise<StoredRange | null> {
    const ahead = this.ahead;
    this.ahead = null;
    let range: StoredRange | null;
    if (ahead && ahead.from === from && ahead.limit === limit) {
      range = await ahead.range;
    } else {
      ahead?.abort.abort();
      range = await this.read(from, limit, maxLogs, deadline);
    }
    if (range && range.to < limit) {
      const next = range.to + 1n;
      const abort = new AbortController();
      const read = this.read(next, limit, maxLogs, deadline, abort.signal).then(
        (ahead) => ahead && this.withRowsReadAhead(ahead),
      );
      // A failure surfaces at the call that takes this read; an unused read must not go unhandled.
      read.catch(() => {});
      this.ahead = { from: next, limit, range: read, abort };
    }
    return range;
  }

  /** The range with the reads of the rows its logs touch started (see StoredRange). */
  private withRowsReadAhead(range: StoredRange): StoredRange {
    const rowsReadAhead = readBatchRows(this.options.db, range.logs);
    // A failure surfaces where the rows are awaited; rows never awaited must not go unhandled.
    rowsReadAhead.catch(() => {});
    return { ...range, rowsReadAhead };
  }

  /**
   * Stops the read-ahead, which would otherwise poll the store until its deadline: for an owner
   * that will not call `next` again soon (it gave up the chain's lease).
   */
  dropReadAhead(): void {
    this.ahead?.abort.abort();
    this.ahead = null;
  }

  /**
   * The range, once its last block's stored hash is the chain's: the store is keyed by chain id,
   * and a chain started over under the same id must not be projected from the old one's logs.
   * One header call per batch of ~5,000 logs.
   */
  private async checkedAgainstChain(range: StoredRange): Promise<StoredRange> {
    const { chain, client } = this.options;
    const header = await fetchBlockHeader(client, range.to);
    if (!header) {
      throw new InvalidRpcResponseError(
        `chain ${chain.chainId}: the provider lacks final block ${range.to}`,
      );
    }
    if (header.hash.toLowerCase() !== range.toHash.toLowerCase()) {
      throw new StoreChainMismatchError(chain.chainId, range.to, range.toHash, header.hash);
    }
    return range;
  }

  private async read(
    from: bigint,
    limit: bigint,
    maxLogs: number,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<StoredRange | null> {
    const { db, chain } = this.options;
    for (;;) {
      if (signal?.aborted) return null;
      if (Date.now() - this.plannedAt >= PLAN_EVERY_MS) {
        this.plannedAt = Date.now();
        await this.plan(from, limit);
      }
      const range = await readStoredRange(
        db,
        chain.chainId,
        this.contracts,
        from,
        limit,
        maxLogs,
        this.windowBlocks,
      );
      if (range) {
        this.windowBlocks = range.to - range.from + 1n;
        return this.checkedAgainstChain(range);
      }
      if (this.fetchError !== undefined) {
        const error = this.fetchError;
        this.fetchError = undefined;
        throw error;
      }
      if (Date.now() >= deadline) return null;
      await sleep(STORE_POLL_MS);
    }
  }
}
