import { createHash } from "node:crypto";
import type { PublicClient } from "viem";
import type { ChainConfig, IndexedContract } from "../../config/load-network.ts";
import type { Database } from "../../db/client.ts";
import type { OneOffJob } from "../../queue/work-queue.ts";
import type { AdaptiveRange } from "../adaptive-range.ts";
import { collectGarbageAbove } from "../heap-governor.ts";
import { type FetchedRange, joinRanges, RangeFetcher } from "../range-fetcher.ts";
import { fetchedThrough, type PlannedFetch, type StoreContract } from "./block-spans.ts";
import { loadFetchedSpans, storeFetchedSpan } from "./store-fetched-span.ts";

/** Fetches a planned span of a chain's final blocks into the sync store; any worker runs it. */
export const FETCH_LOGS_JOB = "fetch-logs";

/** Logs per store transaction: one projector batch, so that a store write rarely leaves one waiting. */
const STORE_BATCH_LOGS = 5_000;
/**
 * Longest a fetched span waits for the next ones before it is stored: small spans (a busy chain,
 * a provider that answers few blocks at a time) are stored together, a transaction costing more
 * than a few blocks' logs, without keeping a projector waiting long.
 */
const STORE_FLUSH_MS = 200;

/** What a `fetch-logs` job carries: everything but the RPC client, so any process can run it. */
export interface FetchJobData {
  chainId: number;
  from: string;
  to: string;
  /** Lower-case addresses of the contracts to fetch. */
  addresses: string[];
}

/** The queue job of a planned fetch; its id is the same whoever plans it (see planFetches). */
export function fetchJobOf(chainId: number, planned: PlannedFetch): OneOffJob {
  const contracts = createHash("sha1").update(planned.addresses.join(",")).digest("hex");
  const data: FetchJobData = {
    chainId,
    from: planned.from.toString(),
    to: planned.to.toString(),
    addresses: planned.addresses,
  };
  return {
    // BullMQ refuses ':' in custom ids.
    id: `${FETCH_LOGS_JOB}_${chainId}_${planned.from}_${planned.to}_${contracts.slice(0, 12)}`,
    name: FETCH_LOGS_JOB,
    data: { ...data },
  };
}

export const storeContractOf = (contract: IndexedContract): StoreContract => ({
  address: contract.address.toLowerCase(),
  startBlock: contract.startBlock,
});

/** What fetching needs besides the span: the chain's client(s) and its range sizing. */
export interface StoreFetchOptions {
  db: Database;
  chain: ChainConfig;
  client: PublicClient;
  /** Gives the second answer of cross-checked ranges. */
  checkClient: PublicClient;
  /** Sizes eth_getLogs calls; shared by the fetches of one process, so it learns the density. */
  range: AdaptiveRange;
}

/** The contracts of `chain` a job names; a contract this process does not follow is an error. */
function contractsOf(chain: ChainConfig, addresses: readonly string[]): IndexedContract[] {
  return addresses.map((address) => {
    const contract = chain.contracts.find((c) => c.address.toLowerCase() === address);
    if (!contract) {
      throw new Error(
        `chain ${chain.chainId}: a fetch job names contract ${address}, which this worker's network file does not follow`,
      );
    }
    return contract;
  });
}

/**
 * Runs a `fetch-logs` job: fetches the span's logs (a few eth_getLogs in flight, sized by
 * `range`, split when a provider refuses) and stores them with their intervals, a transaction
 * per ~5,000 logs or 200 ms of fetching, so that a job cut short keeps what it stored.
 *
 * @returns the number of logs fetched.
 */
export async function fetchIntoStore(
  options: StoreFetchOptions,
  job: FetchJobData,
): Promise<number> {
  const { db, chain, client, checkClient, range } = options;
  const contracts = contractsOf(chain, job.addresses);
  const storeContracts = contracts.map(storeContractOf);
  // A retried job (its process died, or it failed part-way) starts where its stored part ends.
  const to = BigInt(job.to);
  const from =
    fetchedThrough(
      await loadFetchedSpans(db, chain.chainId, job.addresses, BigInt(job.from)),
      storeContracts,
      BigInt(job.from),
      to,
    ) + 1n;
  if (from > to) return 0;
  const fetcher = new RangeFetcher(
    {
      chainId: chain.chainId,
      client,
      checkClient,
      crossCheckRatio: chain.logCrossCheckRatio ?? 0,
      contracts,
      range,
      // A process runs two fetch jobs: two spans waiting each bound their memory.
      maxAhead: 2,
    },
    from,
    to,
  );
  const store = async (span: FetchedRange) => {
    await storeFetchedSpan(db, { chainId: chain.chainId, ...span, contracts: storeContracts });
    collectGarbageAbove();
  };
  let fetched = 0;
  let pending: FetchedRange | null = null;
  let pendingSince = 0;
  for (;;) {
    const span = await fetcher.take(STORE_BATCH_LOGS);
    if (span) {
      fetched += span.logCount;
      if (!pending) pendingSince = Date.now();
      pending = pending ? joinRanges(pending, span) : span;
    }
    const due =
      !span ||
      (pending?.logCount ?? 0) >= STORE_BATCH_LOGS ||
      Date.now() - pendingSince >= STORE_FLUSH_MS;
    if (pending && due) {
      await store(pending);
      pending = null;
    }
    if (!span) return fetched;
  }
}
