import type { ChainConfig, NetworkConfig } from "../config/load-network.ts";
import { readCheckpoint } from "../db/checkpoints.ts";
import type { Database } from "../db/client.ts";
import type { PhaseRow } from "../db/control-schema/index.ts";
import type { ChainCheckpointRow } from "../db/schema/index.ts";
import type { WorkQueue } from "../queue/work-queue.ts";
import { fetchedThrough } from "../sync/store/block-spans.ts";
import { storeContractOf } from "../sync/store/fetch-into-store.ts";
import { loadFetchedSpans } from "../sync/store/store-fetched-span.ts";
import { probeRpc, type RpcProbe } from "./probe-rpc.ts";
import { type QueueStatus, readQueueStatus } from "./queue-status.ts";

/** The index phase the status describes. */
export interface IndexerPhase {
  id: string;
  status: string;
  serving: boolean;
  /** The network the phase records, which a reset may have changed from the process's. */
  network: string;
}

/** The status's view of a phase row. */
export function indexerPhaseOf(row: PhaseRow): IndexerPhase {
  return { id: row.id, status: row.status, serving: row.serving, network: row.networkName };
}

/** A contract of the network file: indexed, or not yet and why. */
export interface ContractStatus {
  kind: string;
  abi: string | null;
  address: string | null;
  startBlock: string | null;
  indexed: boolean;
  reason: string | null;
}

/** How far a chain is indexed, from its checkpoint. Block numbers are decimal strings. */
export interface ChainIndexing {
  lastIndexedBlock: string;
  /**
   * Up to here the sync store holds every contract's logs, counting from the checkpoint on (the
   * checkpoint itself when the store holds nothing beyond it): a fetch frontier far ahead of
   * `lastIndexedBlock` means the projector is the limit, one stuck at it means the fetches are.
   */
  fetchedThroughBlock: string;
  headBlock: string | null;
  lagBlocks: string | null;
  /** Seconds since the last indexed block's timestamp. */
  lagSeconds: number | null;
  caughtUp: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface ChainStatusReport {
  chainId: number;
  name: string;
  layer: ChainConfig["layer"];
  finalityDepth: number;
  /** Some RPC URL answers for this chain and the last sync round did not fail. */
  healthy: boolean;
  contracts: ContractStatus[];
  rpc: RpcProbe[];
  /** Null before the chain's first sync round. */
  indexing: ChainIndexing | null;
}

/** The incident runbook's first checks, as `status` prints them and `indexerStatus` serves them. */
export interface IndexerStatus {
  network: string;
  /** The network file the process loaded. */
  source: string;
  /** The phase read; null on an index without phases. */
  phase: IndexerPhase | null;
  healthy: boolean;
  chains: ChainStatusReport[];
  /** Null when the process has no queue to read (an API without Redis). */
  queue: QueueStatus | null;
}

export interface CollectIndexerStatusOptions {
  network: NetworkConfig;
  db: Database;
  queue?: WorkQueue;
  /** Probes one RPC URL; the API passes a cached one (see IndexerStatusService). */
  probe?: (chain: ChainConfig, url: string) => Promise<RpcProbe>;
  /** Reads the queue's state instead of reading `queue` directly (the API caches it). */
  readQueue?: () => Promise<QueueStatus | null>;
  /** The phase whose tables `db` reads; none on an index without phases. */
  phase?: PhaseRow;
}

function contractMatrix(chain: ChainConfig): ContractStatus[] {
  return [
    ...chain.contracts.map((contract) => ({
      kind: contract.kind,
      abi: contract.abi,
      address: contract.address,
      startBlock: contract.startBlock.toString(),
      indexed: true,
      reason: null,
    })),
    ...chain.unresolved.map((contract) => ({
      kind: contract.kind,
      abi: null,
      address: null,
      startBlock: null,
      indexed: false,
      reason: contract.reason,
    })),
  ];
}

/** The last block the sync store holds for every contract of `chain`, from the checkpoint on. */
async function storeFrontier(
  db: Database,
  chain: ChainConfig,
  checkpoint: ChainCheckpointRow,
): Promise<bigint> {
  const contracts = chain.contracts.map(storeContractOf);
  const from = checkpoint.lastIndexedBlock + 1n;
  const spans = await loadFetchedSpans(
    db,
    chain.chainId,
    contracts.map((contract) => contract.address),
    from,
  );
  const limit = checkpoint.headBlock ?? checkpoint.lastIndexedBlock;
  return fetchedThrough(spans, contracts, from, limit > from ? limit : from);
}

function indexingOf(checkpoint: ChainCheckpointRow, fetchedThroughBlock: bigint): ChainIndexing {
  const { headBlock, lastIndexedBlock, lastIndexedTimestamp } = checkpoint;
  return {
    lastIndexedBlock: lastIndexedBlock.toString(),
    fetchedThroughBlock: fetchedThroughBlock.toString(),
    headBlock: headBlock?.toString() ?? null,
    lagBlocks: headBlock === null ? null : (headBlock - lastIndexedBlock).toString(),
    lagSeconds:
      lastIndexedTimestamp === null
        ? null
        : Math.max(0, Math.round(Date.now() / 1000 - Number(lastIndexedTimestamp))),
    caughtUp: checkpoint.caughtUpAt !== null,
    lastError: checkpoint.lastError,
    lastErrorAt: checkpoint.lastErrorAt?.toISOString() ?? null,
  };
}

async function chainStatus(
  chain: ChainConfig,
  options: CollectIndexerStatusOptions,
): Promise<ChainStatusReport> {
  const probe = options.probe ?? ((config, url) => probeRpc(config, url));
  const [checkpoint, rpc] = await Promise.all([
    readCheckpoint(options.db, chain.chainId),
    Promise.all(chain.rpcUrls.map((url) => probe(chain, url))),
  ]);
  const indexing = checkpoint
    ? indexingOf(checkpoint, await storeFrontier(options.db, chain, checkpoint))
    : null;
  return {
    chainId: chain.chainId,
    name: chain.name,
    layer: chain.layer,
    finalityDepth: chain.finalityDepth,
    healthy: rpc.some((result) => result.ok) && !indexing?.lastError,
    contracts: contractMatrix(chain),
    rpc,
    indexing,
  };
}

/**
 * The operator's first checks in one report: the network, phase and contract matrix, each RPC
 * URL's health, how far each chain is indexed and whether it is failing, and the work queue.
 * Chains, probes and the queue are read concurrently.
 */
export async function collectIndexerStatus(
  options: CollectIndexerStatusOptions,
): Promise<IndexerStatus> {
  const { network } = options;
  const [chains, queue] = await Promise.all([
    Promise.all(network.chains.map((chain) => chainStatus(chain, options))),
    options.readQueue?.() ?? readQueueStatus(options.queue),
  ]);
  return {
    network: network.name,
    source: network.source,
    phase: options.phase ? indexerPhaseOf(options.phase) : null,
    healthy: chains.every((chain) => chain.healthy),
    chains,
    queue,
  };
}
