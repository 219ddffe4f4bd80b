/**
 * The fetch thread itself: runs `fetch-logs` jobs (eth_getLogs, checking, decoding, COPY into
 * the sync store) on its own event loop, with its own Postgres connections and RPC clients, so
 * that a worker's main thread, where the chain's projector runs, spends none of its time on them.
 * Started by FetchThread (fetch-thread.ts); one per worker process.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PublicClient } from "viem";
import { createChainClient } from "../../chain/create-chain-client.ts";
import { ProviderRequestRates } from "../../chain/provider-request-rates.ts";
import type { ChainConfig } from "../../config/load-network.ts";
import { openDatabase } from "../../db/client.ts";
import { Metrics } from "../../observability/metrics.ts";
import { AdaptiveRange } from "../adaptive-range.ts";
import { guardHeapCeiling } from "../heap-governor.ts";
import { fetchIntoStore } from "../store/fetch-into-store.ts";
import type {
  FetchThreadData,
  FetchThreadReply,
  FetchThreadRequest,
  TurnGranted,
  TurnRequest,
} from "./fetch-thread-messages.ts";

/** Two jobs at once (the main thread's limit), a connection each. */
const CONNECTIONS = 2;
/**
 * Heap in use above which the thread collects at once. Its live data is small (two jobs' spans
 * waiting for the store, as COPY buffers); what piles up is the garbage of RPC answers, which
 * V8 would otherwise let grow to the main thread's size again, in a second heap.
 */
const THREAD_HEAP_CEILING_BYTES = 48 * 1024 * 1024;

interface ChainClients {
  /** The chain's settings the clients were made from: new settings (a reset's) make new ones. */
  settings: string;
  client: PublicClient;
  checkClient: PublicClient;
  range: AdaptiveRange;
}

const port = parentPort;
if (!port) throw new Error("fetch-thread-main runs as a worker thread (see fetch-thread.ts)");
const { databaseUrl, applicationName, rpcQuotaRedisUrl } = workerData as FetchThreadData;
const database = await openDatabase({ databaseUrl, applicationName, maxConnections: CONNECTIONS });
/** Requests waiting for their turn from the main thread, by TurnRequest id. */
const turns = new Map<number, () => void>();
let nextTurn = 1;
const takeTurnFromMain = (url: string, perSecond: number) =>
  new Promise<void>((resolve) => {
    const id = nextTurn++;
    turns.set(id, resolve);
    port.postMessage({ type: "turn", id, url, perSecond } satisfies TurnRequest);
  });
// In Redis the quotas are shared already; without it, and while it is down, the main thread counts
// for both (Redis failures are the main thread's to report: its limits meet them too).
const requestRates = new ProviderRequestRates({
  redisUrl: rpcQuotaRedisUrl,
  takeTurnFrom: takeTurnFromMain,
});
const metrics = new Metrics(undefined, { processMetrics: false });
const chains = new Map<number, ChainClients>();
const stopHeapGuard = guardHeapCeiling(THREAD_HEAP_CEILING_BYTES);

/** The clients of `chain`, made once per chain and settings, shared by its jobs. */
function clientsOf(chain: ChainConfig): ChainClients {
  const settings = JSON.stringify([chain.rpcUrls, chain.maxRequestsPerSecond, chain.maxBlockRange]);
  const known = chains.get(chain.chainId);
  if (known?.settings === settings) return known;
  const clients = {
    settings,
    client: createChainClient(chain, { metrics, requestRates }),
    checkClient: createChainClient(chain, { metrics, requestRates, firstProvider: 1 }),
    range: new AdaptiveRange(BigInt(chain.maxBlockRange)),
  };
  chains.set(chain.chainId, clients);
  return clients;
}

async function answer(request: FetchThreadRequest): Promise<FetchThreadReply> {
  const { id } = request;
  switch (request.type) {
    case "fetch": {
      const { chain, job } = request;
      const logs = await fetchIntoStore({ db: database.db, chain, ...clientsOf(chain) }, job);
      return { type: "fetched", id, logs };
    }
    case "metrics":
      return { type: "metrics", id, metrics: await metrics.registry.getMetricsAsJSON() };
    case "close":
      stopHeapGuard();
      await Promise.all([database.close(), requestRates.close()]);
      return { type: "closed", id };
  }
}

port.on("message", (request: FetchThreadRequest | TurnGranted) => {
  if (request.type === "turn-granted") {
    turns.get(request.id)?.();
    turns.delete(request.id);
    return;
  }
  answer(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => {
      const { name, message, stack } =
        error instanceof Error ? error : new Error(String(error), { cause: error });
      port.postMessage({ type: "failed", id: request.id, error: { name, message, stack } });
    },
  );
});
