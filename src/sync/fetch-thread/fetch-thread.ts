import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import {
  type ProviderRequestRates,
  threadRequestRates,
} from "../../chain/provider-request-rates.ts";
import type { ChainConfig } from "../../config/load-network.ts";
import type { FetchJobData } from "../store/fetch-into-store.ts";
import type {
  FetchThreadData,
  FetchThreadError,
  FetchThreadReply,
  FetchThreadRequest,
  TurnGranted,
  TurnRequest,
} from "./fetch-thread-messages.ts";

/**
 * Where the thread's code is: beside the CLI bundle when this module is part of it
 * (scripts/build-cli.mjs builds both), else the TypeScript source, run through tsx by the same
 * launcher the npm scripts use.
 */
function threadEntry(): { file: string; argv: string[] } {
  if (!import.meta.url.endsWith(".ts")) {
    return { file: fileURLToPath(new URL("./fetch-thread.mjs", import.meta.url)), argv: [] };
  }
  return {
    file: fileURLToPath(new URL("../../../bin/run-ts.mjs", import.meta.url)),
    argv: [fileURLToPath(new URL("./fetch-thread-main.ts", import.meta.url))],
  };
}

/** The thread's young generation (V8's default is 32 MB, each thread paying it again). */
const THREAD_YOUNG_GENERATION_MB = 8;

interface Pending {
  resolve: (reply: FetchThreadReply) => void;
  reject: (error: Error) => void;
}

type Reply<Type extends FetchThreadReply["type"]> = Extract<FetchThreadReply, { type: Type }>;

/** An error thrown in the fetch thread, with the name, message and stack it had there. */
function errorFromThread({ name, message, stack }: FetchThreadError): Error {
  const error = new Error(message);
  error.name = name;
  if (stack) error.stack = stack;
  return error;
}

/**
 * A worker thread that runs this process's `fetch-logs` jobs (fetch-thread-main.ts). The
 * projector of a chain and the fetches that feed it then share no event loop: a fetch's JSON
 * parsing, decoding and COPY building no longer delay the projector's next statement, and a
 * worker process uses a second core. Started on the first job; a thread that dies fails the jobs
 * it held (the queue retries them) and the next job starts a new one.
 *
 * @example
 * const thread = new FetchThread({ databaseUrl });
 * const logs = await thread.fetch(chain, { chainId: chain.chainId, from: "0", to: "999", addresses });
 * await thread.close();
 */
export class FetchThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * @param requestRates the main thread's RPC quotas, which the thread takes its turns from when
   *   `data` names no Redis to count them in (default: this thread's default limits).
   */
  constructor(
    private readonly data: FetchThreadData,
    private readonly requestRates: ProviderRequestRates = threadRequestRates,
  ) {}

  /** Runs one `fetch-logs` job in the thread; resolves with the number of logs fetched. */
  async fetch(chain: ChainConfig, job: FetchJobData): Promise<number> {
    const reply = await this.request<Reply<"fetched">>((id) => ({ type: "fetch", id, chain, job }));
    return reply.logs;
  }

  /** The thread's metrics registry (its RPC counters), empty while no thread runs. */
  async metrics(): Promise<MetricObjectWithValues<MetricValue<string>>[]> {
    if (!this.worker) return [];
    const reply = await this.request<Reply<"metrics">>((id) => ({ type: "metrics", id }));
    return reply.metrics;
  }

  /** Lets the thread close its connections, then ends it. Call once no job runs any more. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // A thread that cannot close its connections cleanly is ended all the same: terminating it
    // closes its sockets, and Postgres ends the sessions behind them.
    await this.request((id) => ({ type: "close", id })).catch(() => {});
    this.worker = null;
    await worker.terminate();
  }

  private request<R extends FetchThreadReply>(
    message: (id: number) => FetchThreadRequest,
  ): Promise<R> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: FetchThreadReply) => void, reject });
      worker.postMessage(message(id));
    });
  }

  private start(): Worker {
    const { file, argv } = threadEntry();
    const worker = new Worker(file, {
      argv,
      workerData: this.data,
      // What the thread allocates dies young (RPC answers): a smaller nursery, a smaller process.
      resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    });
    worker.on("message", (reply: FetchThreadReply | TurnRequest) => {
      if (reply.type === "turn") {
        const granted: TurnGranted = { type: "turn-granted", id: reply.id };
        // A limiter that fails lets the request go rather than hold the fetch forever.
        this.requestRates
          .takeTurn(reply.url, reply.perSecond)
          .catch(() => {})
          .then(() => worker.postMessage(granted));
        return;
      }
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.type === "failed") pending.reject(errorFromThread(reply.error));
      else pending.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the fetch thread exited (code ${code})`)));
    // A process that forgot to close it still ends.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
