import type { MetricObjectWithValues, MetricValue } from "prom-client";
import type { ChainConfig } from "../../config/load-network.ts";
import type { FetchJobData } from "../store/fetch-into-store.ts";

/** What the fetch thread is started with (its `workerData`). */
export interface FetchThreadData {
  /** The Postgres the sync store lives in: the thread opens its own connections to it. */
  databaseUrl: string;
  /** The process's worker application name, which the thread's connections carry too. */
  applicationName?: string;
  /**
   * The Redis the providers' request quotas are counted in (see ProviderRequestRates); without
   * it the thread takes each request's turn from the main thread's limits.
   */
  rpcQuotaRedisUrl?: string;
}

/** A request from the process's main thread to its fetch thread. */
export type FetchThreadRequest =
  | { type: "fetch"; id: number; chain: ChainConfig; job: FetchJobData }
  | { type: "metrics"; id: number }
  | { type: "close"; id: number };

/** The fetch thread asks the main thread for a request's turn in a provider's quota. */
export interface TurnRequest {
  type: "turn";
  id: number;
  url: string;
  perSecond: number;
}

/** The main thread's answer to the TurnRequest of the same id: the request may go. */
export interface TurnGranted {
  type: "turn-granted";
  id: number;
}

/** An error as it crosses the thread boundary (a class does not survive the copy). */
export interface FetchThreadError {
  name: string;
  message: string;
  stack?: string;
}

/** The fetch thread's answer to the request of the same id. */
export type FetchThreadReply =
  | { type: "fetched"; id: number; logs: number }
  | { type: "metrics"; id: number; metrics: MetricObjectWithValues<MetricValue<string>>[] }
  | { type: "closed"; id: number }
  | { type: "failed"; id: number; error: FetchThreadError };
