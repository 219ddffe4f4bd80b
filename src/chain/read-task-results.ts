import type { Hex, PublicClient } from "viem";
import { sessionQueueV2Gen1Abi, sessionQueueV2Gen3Abi } from "../../abis/index.ts";

export interface MinerResult {
  miner: string;
  result: string;
  /** Only where the generation has `getTaskResultsAndHashes` (gen3). */
  resultHash: string | null;
}

/**
 * Reads a task's results with an `eth_call` pinned to `blockNumber` (the block of `TaskEnded`), so
 * the answer is what the chain said when the task ended, whatever happened since.
 *
 * @example
 * await readTaskResults(client, { address, abi: "gen3", sessionId: 1n, taskId: 0n, blockNumber: 420n });
 */
export async function readTaskResults(
  client: PublicClient,
  target: { address: Hex; abi: string; sessionId: bigint; taskId: bigint; blockNumber: bigint },
): Promise<MinerResult[]> {
  const args = [target.sessionId, target.taskId] as const;
  if (target.abi === "gen3") {
    const [miners, results, hashes] = await client.readContract({
      address: target.address,
      abi: sessionQueueV2Gen3Abi,
      functionName: "getTaskResultsAndHashes",
      args,
      blockNumber: target.blockNumber,
    });
    return miners.map((miner, index) => ({
      miner: miner.toLowerCase(),
      result: results[index] ?? "",
      resultHash: hashes[index]?.toLowerCase() ?? null,
    }));
  }
  const [miners, results] = await client.readContract({
    address: target.address,
    abi: sessionQueueV2Gen1Abi,
    functionName: "getTaskResults",
    args,
    blockNumber: target.blockNumber,
  });
  return miners.map((miner, index) => ({
    miner: miner.toLowerCase(),
    result: results[index] ?? "",
    resultHash: null,
  }));
}
