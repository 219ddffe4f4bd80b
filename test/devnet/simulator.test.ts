import { type Address, type Hex, keccak256, toBytes } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionQueueV2Gen3Abi } from "../../abis/index.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import type { ActionLogEntry } from "../../src/devnet/transactions.ts";
import {
  type DecodedLog,
  decodedLogs,
  logsOf,
  realAbis,
  type SimulatedChain,
  simulateOnFreshChain,
} from "./simulated-chain.ts";

const options = { seed: 42, rounds: 3, sessionsPerRound: 3, tasksPerSession: 3 };

/** The truth with every block timestamp made relative to the start of the simulator's clock. */
function relativeTimes(truth: GroundTruth): unknown {
  return JSON.parse(JSON.stringify(truth), (key, value) =>
    (key.endsWith("At") && typeof value === "number") || key === "clockStart"
      ? value - truth.clockStart
      : value,
  );
}

describe("devnet simulator on a real anvil", () => {
  let chain: SimulatedChain;
  let logs: DecodedLog[];

  beforeAll(async () => {
    chain = await simulateOnFreshChain({ ...options, blockPerWave: true });
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
    // Deployment: every Owned contract (all but the provisional SessionQueueValidation) logs it.
    for (const [contract, abi] of Object.entries(realAbis)) {
      const owned = abi.some((item) => "name" in item && item.name === "OwnershipTransferred");
      if (owned) expected[`${contract}.OwnershipTransferred`] = 1;
    }
    expect(counts).toEqual(expected);
  });

  it("queues one task per ground-truth task and creates one session per ground-truth session", () => {
    const { counts } = chain.truth;
    const count = (contract: string, eventName: string) => logsOf(logs, contract, eventName).length;
    expect(count("SessionQueueV2", "TaskQueued")).toBe(counts.tasks);
    expect(count("SessionV2", "SessionCreated")).toBe(counts.sessions);
    expect(count("SessionQueueV2", "TaskEnded")).toBe(counts.tasksByStatus.ENDED);
    expect(count("SessionV2", "SessionDeactivated")).toBe(counts.deactivatedSessions);
    expect(counts.tasks).toBeGreaterThanOrEqual(options.rounds * 9);
  });

  it("ends exactly the ENDED tasks, naming the final miners (committed and not dropped)", () => {
    const ended = logs
      .filter((log) => log.contract === "SessionQueueV2" && log.eventName === "TaskEnded")
      .map(({ args }) => ({
        key: `${args.sessionId}/${args.taskId}`,
        miners: (args.miners as Address[]).map((miner) => miner.toLowerCase()),
      }));
    const expected = chain.truth.tasks
      .filter((task) => task.status === "ENDED")
      .map((task) => ({ key: `${task.sessionId}/${task.taskId}`, miners: task.finalMiners }));
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
    const replay = await simulateOnFreshChain({ ...options, blockPerWave: false });
    try {
      expect(relativeTimes(replay.truth)).toEqual(relativeTimes(chain.truth));
      const blocks = (actions: ActionLogEntry[]) => new Set(actions.map((a) => a.blockNumber)).size;
      // Automine gives (almost) every transaction its own block; per-wave mining packs them.
      expect(blocks(replay.actions)).toBeGreaterThan(replay.actions.length * 0.9);
      expect(blocks(chain.actions)).toBeLessThan(chain.actions.length / 5);
    } finally {
      await replay.anvil.stop();
    }
  });
});
