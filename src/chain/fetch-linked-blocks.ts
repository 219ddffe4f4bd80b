import type { Hex, PublicClient } from "viem";
import type { RawLog } from "../decode/decode-log.ts";
import { agreedLogs } from "./agreed-logs.ts";
import { InvalidRpcResponseError } from "./errors.ts";
import { type BlockHeader, fetchBlockHeader, type RpcLog, toRawLog } from "./fetch-logs.ts";

/** Consecutive blocks whose headers link by parent hash, with the logs of each exact block. */
export interface LinkedBlocks {
  headers: BlockHeader[];
  logs: RawLog[];
}

/** The first fetched block does not descend from the block the index ends at: a reorg. */
export class ParentMismatchError extends Error {
  override name = "ParentMismatchError";
  constructor(
    readonly blockNumber: bigint,
    readonly parentHash: Hex,
    readonly expectedParentHash: string,
  ) {
    super(
      `block ${blockNumber} has parent ${parentHash}, but block ${blockNumber - 1n} was indexed as ${expectedParentHash}`,
    );
  }
}

/**
 * Blocks [from, to] of the unfinalized part of a chain, the way a reorg cannot slip through: the
 * headers first (one JSON-RPC batch), checked to link by parent hash to each other and to
 * `parentHash` (the indexed block before `from`), then each block's logs by its hash (EIP-234), so
 * that every log belongs to exactly the header it is stored with. A range query could mix logs of
 * one fork with headers of another.
 *
 * Stops early, with fewer headers, at a block the provider does not have yet.
 *
 * @throws ParentMismatchError when block `from` does not descend from `parentHash`.
 * @throws InvalidRpcResponseError when the headers do not link or a log is not of its block.
 *
 * @example
 * const { headers, logs } = await fetchLinkedBlocks(client, 42161, [queue], 100n, 110n, hashOf99);
 */
export async function fetchLinkedBlocks(
  client: PublicClient,
  chainId: number,
  addresses: readonly Hex[],
  from: bigint,
  to: bigint,
  parentHash: string | null,
  options: { checkClient?: PublicClient; crossCheckRatio?: number } = {},
): Promise<LinkedBlocks> {
  const numbers: bigint[] = [];
  for (let block = from; block <= to; block++) numbers.push(block);
  const fetched = await Promise.all(numbers.map((block) => fetchBlockHeader(client, block)));
  const available = fetched.indexOf(null);
  const headers = (available === -1 ? fetched : fetched.slice(0, available)) as BlockHeader[];

  let previous = parentHash?.toLowerCase() ?? null;
  for (const header of headers) {
    if (previous !== null && header.parentHash.toLowerCase() !== previous) {
      if (header.number === from) {
        throw new ParentMismatchError(from, header.parentHash, previous);
      }
      throw new InvalidRpcResponseError(
        `block ${header.number} does not descend from block ${header.number - 1n} of the same answer (reorg in progress?)`,
      );
    }
    previous = header.hash.toLowerCase();
  }

  const ask = (asked: PublicClient) => () => logsOfBlocks(asked, chainId, addresses, headers);
  const logs =
    Math.random() < (options.crossCheckRatio ?? 0)
      ? await agreedLogs(
          [ask(client), ask(options.checkClient ?? client)],
          `logs of blocks ${from}-${headers.at(-1)?.number ?? from}`,
        )
      : await ask(client)();
  return { headers, logs };
}

/** The logs of each block by its hash, checked to belong to it, in chain order. */
async function logsOfBlocks(
  client: PublicClient,
  chainId: number,
  addresses: readonly Hex[],
  headers: readonly BlockHeader[],
): Promise<RawLog[]> {
  const wanted = new Set(addresses.map((address) => address.toLowerCase()));
  const perBlock = await Promise.all(
    headers.map((header) =>
      addresses.length === 0
        ? Promise.resolve([] as RpcLog[])
        : (client.request({
            method: "eth_getLogs",
            params: [{ address: addresses as Hex[], blockHash: header.hash }],
          }) as Promise<RpcLog[]>),
    ),
  );
  const logs: RawLog[] = [];
  perBlock.forEach((rpcLogs, i) => {
    const header = headers[i] as BlockHeader;
    const blockLogs = rpcLogs
      .filter((log) => !log.removed)
      .map((log) => toRawLog(chainId, log, header.timestamp));
    for (const log of blockLogs) {
      if (
        log.blockNumber !== header.number ||
        log.blockHash.toLowerCase() !== header.hash.toLowerCase()
      ) {
        throw new InvalidRpcResponseError(
          `eth_getLogs for block ${header.hash} returned a log of block ${log.blockNumber} (${log.blockHash})`,
        );
      }
      if (!wanted.has(log.address.toLowerCase())) {
        throw new InvalidRpcResponseError(`eth_getLogs returned a log of ${log.address}`);
      }
    }
    logs.push(...blockLogs.sort((a, b) => a.logIndex - b.logIndex));
  });
  return logs;
}
