import {
  type Abi,
  type Address,
  decodeEventLog,
  type Hex,
  keccak256,
  type Log,
  toBytes,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  nodePoolAbi,
  nodeReputationAbi,
  sessionQueueV2Gen3Abi,
  sessionV2Gen3Abi,
} from "../../abis/index.ts";
import { loadNetwork } from "../../src/config/load-network.ts";
import { createDevnetClient, type DevnetClient } from "../../src/devnet/client.ts";
import { type DevnetDeployment, deployDevnetContracts } from "../../src/devnet/deploy.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import { DevnetSimulator } from "../../src/devnet/simulator.ts";
import type { ActionLogEntry } from "../../src/devnet/transactions.ts";
import { startTestAnvil, type TestAnvil } from "../fixtures/anvil.ts";

const realAbis: Record<string, Abi> = {
  SessionQueueV2: sessionQueueV2Gen3Abi,
  SessionV2: sessionV2Gen3Abi,
  NodePool: nodePoolAbi,
  NodeReputation: nodeReputationAbi,
};

const options = { seed: 42, rounds: 3, sessionsPerRound: 3, tasksPerSession: 3 };

interface SimulatedChain {
  anvil: TestAnvil;
  client: DevnetClient;
  deployment: DevnetDeployment;
  truth: GroundTruth;
  actions: ActionLogEntry[];
}

async function simulateOnFreshChain(blockPerWave: boolean): Promise<SimulatedChain> {
  const chain = loadNetwork("devnet", { env: {} }).chains[0];
  if (!chain) throw new Error("devnet network has no chain");
  const anvil = await startTestAnvil({ chainId: chain.chainId });
  const client = createDevnetClient(anvil.url, chain.chainId);
  const deployment = await deployDevnetContracts(client, chain);
  const simulator = await DevnetSimulator.create(
    { url: anvil.url, chainId: chain.chainId, addresses: deployment.addresses },
    { ...options, blockPerWave },
  );
  await simulator.run();
  return {
    anvil,
    client,
    deployment,
    truth: simulator.groundTruth(),
    actions: simulator.actionLog(),
  };
}

/** Every log of the four devnet contracts, decoded with the real ABI of its contract. */
async function decodedLogs(chain: SimulatedChain) {
  const byAddress = new Map<string, string>(
    Object.entries(chain.deployment.addresses).map(([name, address]) => [
      address.toLowerCase(),
      name,
    ]),
  );
  const logs: Log[] = await chain.client.getLogs({
    address: Object.values(chain.deployment.addresses),
    fromBlock: 0n,
    toBlock: "latest",
  });
  return logs.map((log) => {
    const contract = byAddress.get(log.address.toLowerCase()) as string;
    const decoded = decodeEventLog({
      abi: realAbis[contract] as Abi,
      data: log.data,
      topics: log.topics,
    });
    return {
      contract,
      eventName: decoded.eventName,
      args: decoded.args as unknown as Record<string, unknown>,
    };
  });
}

describe("devnet simulator on a real anvil", () => {
  let chain: SimulatedChain;
  let logs: Awaited<ReturnType<typeof decodedLogs>>;

  beforeAll(async () => {
    chain = await simulateOnFreshChain(true);
    logs = await decodedLogs(chain);
  });
  afterAll(() => chain?.anvil.stop());

  it("emits only events the real ABIs decode, with the counts the ground truth expects", () => {
    const counts: Record<string, number> = {};
    for (const { contract, eventName } of logs) {
      const key = `${contract}.${eventName}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const expected: Record<string, number> = { ...chain.truth.events };
    for (const contract of Object.keys(realAbis)) expected[`${contract}.OwnershipTransferred`] = 1;
    expect(counts).toEqual(expected);
  });

  it("queues one task per ground-truth task and creates one session per ground-truth session", () => {
    const { counts } = chain.truth;
    const count = (eventName: string) => logs.filter((log) => log.eventName === eventName).length;
    expect(count("TaskQueued")).toBe(counts.tasks);
    expect(count("SessionCreated")).toBe(counts.sessions);
    expect(count("TaskEnded")).toBe(counts.tasksByStatus.ENDED);
    expect(count("SessionDeactivated")).toBe(counts.deactivatedSessions);
    expect(counts.tasks).toBeGreaterThanOrEqual(options.rounds * 9);
  });

  it("ends exactly the ENDED tasks, naming the miners that committed", () => {
    const ended = logs
      .filter((log) => log.contract === "SessionQueueV2" && log.eventName === "TaskEnded")
      .map(({ args }) => ({
        key: `${args.sessionId}/${args.taskId}`,
        miners: (args.miners as Address[]).map((miner) => miner.toLowerCase()),
      }));
    const expected = chain.truth.tasks
      .filter((task) => task.status === "ENDED")
      .map((task) => ({ key: `${task.sessionId}/${task.taskId}`, miners: task.committedMiners }));
    expect(ended).toEqual(expected);
  });

  it("records globalIds and task statuses that match the queue's events", () => {
    const queued = logs.filter((log) => log.eventName === "TaskQueued");
    expect(queued.map(({ args }) => `${args.sessionId}/${args.taskId}/${args.globalId}`)).toEqual(
      chain.truth.tasks.map((task) => `${task.sessionId}/${task.taskId}/${task.globalId}`),
    );
    const statuses = new Set(chain.truth.tasks.map((task) => task.status));
    expect(statuses.has("ENDED")).toBe(true);
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });

  it("serves committed results whose hashes match the precommits", async () => {
    const task = chain.truth.tasks.find(
      (candidate) => candidate.status === "ENDED" && candidate.committedMiners.length > 0,
    );
    if (!task) throw new Error("no ENDED task with commits");
    const [miners, results, hashes] = await chain.client.readContract({
      abi: sessionQueueV2Gen3Abi,
      address: chain.deployment.addresses.SessionQueueV2,
      functionName: "getTaskResultsAndHashes",
      args: [BigInt(task.sessionId), BigInt(task.taskId)],
    });
    expect(miners.map((miner) => miner.toLowerCase())).toEqual(task.committedMiners);
    expect(results.map((result) => keccak256(toBytes(result)))).toEqual(hashes as Hex[]);
  });

  it("logs every mined action with its block and transaction", async () => {
    expect(chain.actions).toHaveLength(chain.truth.transactions);
    const last = chain.actions.at(-1) as ActionLogEntry;
    const receipt = await chain.client.getTransactionReceipt({ hash: last.txHash });
    expect(Number(receipt.blockNumber)).toBe(last.blockNumber);
    expect(last.confirmedAtMs).toBeGreaterThanOrEqual(last.sentAtMs);
  });

  it("replays the same activity from the same seed, whatever the mining mode", async () => {
    const replay = await simulateOnFreshChain(false);
    try {
      expect(replay.truth).toEqual(chain.truth);
      const blocks = (actions: ActionLogEntry[]) => new Set(actions.map((a) => a.blockNumber)).size;
      // Automine gives (almost) every transaction its own block; per-wave mining packs them.
      expect(blocks(replay.actions)).toBeGreaterThan(replay.actions.length * 0.9);
      expect(blocks(chain.actions)).toBeLessThan(chain.actions.length / 5);
    } finally {
      await replay.anvil.stop();
    }
  });
});
