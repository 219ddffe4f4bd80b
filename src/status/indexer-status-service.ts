import type { NetworkConfig } from "../config/load-network.ts";
import type { Database } from "../db/client.ts";
import type { PhaseRow } from "../db/control-schema/index.ts";
import type { WorkQueue } from "../queue/work-queue.ts";
import { collectIndexerStatus, type IndexerStatus } from "./collect-indexer-status.ts";
import { probeRpc, type RpcProbe } from "./probe-rpc.ts";
import { type QueueStatus, readQueueStatus } from "./queue-status.ts";
import { ShortLivedCache } from "./short-lived-cache.ts";

export interface IndexerStatusServiceOptions {
  network: NetworkConfig;
  /** The deployment's queue (BullMQ); without it the status has no queue state. */
  queue?: WorkQueue;
  /** How long RPC probes and queue counts are reused (default 5 s). */
  ttlMs?: number;
  /** Longest one RPC probe may take (default 3 s). */
  probeTimeoutMs?: number;
}

/**
 * The indexer status as the API serves it: checkpoints are read fresh from the request's
 * database, while RPC probes and queue counts are cached briefly and time-bounded, so the query
 * stays fast and cannot be turned against the providers or Redis.
 */
export class IndexerStatusService {
  private readonly probes: ShortLivedCache<RpcProbe>;
  private readonly queueStatus: ShortLivedCache<QueueStatus | null>;

  constructor(private readonly options: IndexerStatusServiceOptions) {
    const ttlMs = options.ttlMs ?? 5_000;
    this.probes = new ShortLivedCache(ttlMs);
    this.queueStatus = new ShortLivedCache(ttlMs);
  }

  /** The status of `phase`, whose tables `db` reads (the phase the request asked for). */
  collect(db: Database, phase?: PhaseRow): Promise<IndexerStatus> {
    const { network, queue, probeTimeoutMs = 3_000 } = this.options;
    return collectIndexerStatus({
      network,
      db,
      phase,
      probe: (chain, url) =>
        this.probes.get(`${chain.chainId} ${url}`, () => probeRpc(chain, url, probeTimeoutMs)),
      readQueue: () => this.queueStatus.get("queue", () => readQueueStatus(queue)),
    });
  }
}
