import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from "prom-client";
import type { Database } from "../db/client.ts";
import type { WorkQueue } from "../queue/work-queue.ts";
import { ReorgBeyondFinalityError } from "../sync/errors.ts";
import { registerChainGauges } from "./chain-gauges.ts";
import { registerQueueGauges } from "./queue-gauges.ts";

/** A registry's metrics as `getMetricsAsJSON` gives them (what crosses a thread boundary). */
export type MetricsSource = () => Promise<MetricObjectWithValues<MetricValue<string>>[]>;

export interface MetricsOptions {
  /**
   * Registers the process metrics (memory, CPU, event loop): once per process, so not by the
   * registry of a thread whose counters the main one adds up (default true).
   */
  processMetrics?: boolean;
}

/**
 * The Prometheus metrics of one process. Chain positions are read from `chain_checkpoints` at
 * scrape time, so any process (an API replica included) reports every chain, whoever indexed it;
 * counters (events, jobs, GraphQL requests) count what this process did.
 */
export class Metrics {
  readonly registry = new Registry();
  /** Other registries of this process (a fetch thread's), summed into every scrape. */
  private readonly sources: MetricsSource[] = [];

  readonly eventsStored = new Counter({
    name: "cortensor_events_stored_total",
    help: "Events stored by this process's sync workers",
    labelNames: ["chain_id"] as const,
    registers: [this.registry],
  });

  readonly blocksIndexed = new Counter({
    name: "cortensor_blocks_indexed_total",
    help: "Blocks indexed by this process's sync workers",
    labelNames: ["chain_id"] as const,
    registers: [this.registry],
  });

  readonly projectorSeconds = new Counter({
    name: "cortensor_projector_seconds_total",
    help: "Wall time this process's projectors spent in each stage of their batches: range (reading fetched blocks, waiting for fetches), lock, load, project, events, rows, commit, gc",
    labelNames: ["chain_id", "stage"] as const,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: "cortensor_job_failures_total",
    help: "Queue jobs of this process that failed",
    labelNames: ["job", "chain_id"] as const,
    registers: [this.registry],
  });

  readonly reorgs = new Counter({
    name: "cortensor_reorgs_total",
    help: "Sync rounds that found the indexed tip replaced by a reorg deeper than finality (the chain stops; it rises every poll until an operator acts)",
    labelNames: ["chain_id"] as const,
    registers: [this.registry],
  });

  readonly reorgsRolledBack = new Counter({
    name: "cortensor_reorgs_rolled_back_total",
    help: "Reorgs above the final block whose orphaned batches were rolled back and indexed again",
    labelNames: ["chain_id"] as const,
    registers: [this.registry],
  });

  readonly rpcRequests = new Counter({
    name: "cortensor_rpc_requests_total",
    help: "HTTP requests to RPC providers (a JSON-RPC batch is one request)",
    labelNames: ["chain_id", "provider"] as const,
    registers: [this.registry],
  });

  readonly rpcErrors = new Counter({
    name: "cortensor_rpc_errors_total",
    help: "RPC HTTP requests that failed: rate_limited (429), http_error (other non-2xx), timeout, network",
    labelNames: ["chain_id", "provider", "reason"] as const,
    registers: [this.registry],
  });

  readonly rpcDuration = new Histogram({
    name: "cortensor_rpc_request_duration_seconds",
    help: "RPC HTTP request latency until the response headers (or the failure)",
    labelNames: ["chain_id", "provider"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [this.registry],
  });

  readonly rpcProviderSkipped = new Gauge({
    name: "cortensor_rpc_provider_skipped",
    help: "1 while a chain's RPC provider is skipped after repeated failures (its circuit is open), else 0",
    labelNames: ["chain_id", "provider"] as const,
    // A provider skipped by any client of the process (the fetch thread has its own) counts.
    aggregator: "max",
    registers: [this.registry],
  });

  readonly exports = new Counter({
    name: "cortensor_exports_total",
    help: "Exports run by this process, by entity kind, file format and outcome (ok/failed)",
    labelNames: ["kind", "format", "outcome"] as const,
    registers: [this.registry],
  });

  readonly exportRows = new Counter({
    name: "cortensor_export_rows_total",
    help: "Rows written by this process's exports",
    registers: [this.registry],
  });

  readonly resets = new Counter({
    name: "cortensor_resets_total",
    help: "Phase resets run by this process, by outcome (ok/failed)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: "cortensor_graphql_request_duration_seconds",
    help: "GraphQL HTTP request latency",
    labelNames: ["status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /**
   * @param chainTables where the chain gauges read `chain_checkpoints`: a database, or a function
   *   giving the current one (the indexing phase's, which a reset changes).
   */
  constructor(
    chainTables?: Database | (() => Promise<Database>),
    { processMetrics = true }: MetricsOptions = {},
  ) {
    if (processMetrics) {
      collectDefaultMetrics({ register: this.registry, prefix: "cortensor_process_" });
    }
    if (chainTables) {
      const tables = chainTables;
      registerChainGauges(
        this.registry,
        typeof tables === "function" ? tables : () => Promise.resolve(tables),
      );
    }
  }

  /**
   * Reads the queue's job counts at every scrape (`cortensor_queue_*`). BullMQ's counts live in
   * Redis, so any process (an API replica included) reports the whole deployment's queue.
   */
  observeQueue(queue: WorkQueue): void {
    registerQueueGauges(this.registry, queue);
  }

  /** Given any error of a sync job, counts it in `cortensor_reorgs_total` if it is a deep reorg. */
  countReorg(error: unknown): void {
    if (error instanceof ReorgBeyondFinalityError) {
      this.reorgs.inc({ chain_id: String(error.chainId) });
    }
  }

  /** Adds a registry of this process that lives elsewhere (another thread) to every scrape. */
  addSource(source: MetricsSource): void {
    this.sources.push(source);
  }

  /** The text exposition for a scrape. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    if (this.sources.length === 0) {
      return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    }
    const all = await Promise.all([
      this.registry.getMetricsAsJSON(),
      ...this.sources.map((source) => source()),
    ]);
    const merged = AggregatorRegistry.aggregate(all);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}
