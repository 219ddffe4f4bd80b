import type { Hex, PublicClient } from "viem";
import type { RawLog } from "../decode/decode-log.ts";
import { InvalidRpcResponseError } from "./errors.ts";

/** A log as eth_getLogs returns it; fields the protocol allows to be null are checked. */
export interface RpcLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex | null;
  blockHash: Hex | null;
  blockTimestamp?: Hex;
  transactionHash: Hex | null;
  transactionIndex: Hex | null;
  logIndex: Hex | null;
  removed?: boolean;
}

interface RpcBlockHeader {
  number: Hex;
  hash: Hex;
  timestamp: Hex;
  parentHash: Hex;
}

export interface BlockHeader {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
  timestamp: bigint;
}

/** Reads one block header; null when the node does not have the block (yet). */
export async function fetchBlockHeader(
  client: PublicClient,
  blockNumber: bigint,
): Promise<BlockHeader | null> {
  const block = (await client.request({
    method: "eth_getBlockByNumber",
    params: [`0x${blockNumber.toString(16)}`, false],
  })) as RpcBlockHeader | null;
  if (!block) return null;
  if (!block.hash || !block.parentHash || !block.number || !block.timestamp) {
    throw new InvalidRpcResponseError(
      `eth_getBlockByNumber(${blockNumber}) returned a header without hash, parent, number or timestamp`,
    );
  }
  if (BigInt(block.number) !== blockNumber) {
    throw new InvalidRpcResponseError(
      `eth_getBlockByNumber(${blockNumber}) returned block ${BigInt(block.number)}`,
    );
  }
  return {
    number: blockNumber,
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: BigInt(block.timestamp),
  };
}

function requireField<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) {
    throw new InvalidRpcResponseError(`eth_getLogs returned a log without ${field}`);
  }
  return value;
}

/**
 * Every log of `addresses` in [from, to], with block timestamps, in chain order.
 *
 * No topic filter: a log whose topic0 matches no known ABI is still fetched, so that ABI drift on
 * a deployed contract shows up as undecoded events instead of silently missing ones. Timestamps
 * come from the logs when the node includes `blockTimestamp`; otherwise only the headers of blocks
 * that have logs are fetched, in one JSON-RPC batch.
 */
export async function fetchLogsInRange(
  client: PublicClient,
  chainId: number,
  addresses: readonly Hex[],
  from: bigint,
  to: bigint,
): Promise<RawLog[]> {
  const rpcLogs = (await client.request({
    method: "eth_getLogs",
    params: [
      {
        address: addresses as Hex[],
        fromBlock: `0x${from.toString(16)}`,
        toBlock: `0x${to.toString(16)}`,
      },
    ],
  })) as RpcLog[];

  const wanted = new Set(addresses.map((address) => address.toLowerCase()));
  const logs = rpcLogs
    .filter((log) => !log.removed)
    .map((log) => {
      const blockNumber = BigInt(requireField(log.blockNumber, "blockNumber"));
      if (blockNumber < from || blockNumber > to) {
        throw new InvalidRpcResponseError(
          `eth_getLogs [${from}, ${to}] returned a log of block ${blockNumber}`,
        );
      }
      if (!wanted.has(log.address.toLowerCase())) {
        throw new InvalidRpcResponseError(`eth_getLogs returned a log of ${log.address}`);
      }
      return {
        log,
        blockNumber,
        logIndex: Number(requireField(log.logIndex, "logIndex")),
      };
    })
    .sort((a, b) =>
      a.blockNumber === b.blockNumber
        ? a.logIndex - b.logIndex
        : a.blockNumber < b.blockNumber
          ? -1
          : 1,
    );

  const missingTimestamps = [
    ...new Set(logs.filter(({ log }) => !log.blockTimestamp).map(({ blockNumber }) => blockNumber)),
  ];
  const headers = await Promise.all(missingTimestamps.map((n) => fetchBlockHeader(client, n)));
  const timestamps = new Map<bigint, BlockHeader>();
  for (const header of headers) if (header) timestamps.set(header.number, header);

  return logs.map(({ log, blockNumber }) => {
    const header = timestamps.get(blockNumber);
    const blockHash = requireField(log.blockHash, "blockHash");
    if (header && header.hash.toLowerCase() !== blockHash.toLowerCase()) {
      throw new InvalidRpcResponseError(
        `block ${blockNumber}: log block hash ${blockHash} differs from header hash ${header.hash} (reorg in progress?)`,
      );
    }
    const timestamp = log.blockTimestamp ? BigInt(log.blockTimestamp) : header?.timestamp;
    return toRawLog(chainId, log, requireField(timestamp, "a block timestamp"));
  });
}

/** A validated RPC log in the indexer's form. */
export function toRawLog(chainId: number, log: RpcLog, blockTimestamp: bigint): RawLog {
  return {
    chainId,
    blockNumber: BigInt(requireField(log.blockNumber, "blockNumber")),
    blockHash: requireField(log.blockHash, "blockHash"),
    blockTimestamp,
    txHash: requireField(log.transactionHash, "transactionHash"),
    txIndex: Number(requireField(log.transactionIndex, "transactionIndex")),
    logIndex: Number(requireField(log.logIndex, "logIndex")),
    address: log.address,
    topics: log.topics,
    data: log.data,
  };
}
