import { type Address, isAddress, keccak256 } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitiveLevelAbi, sessionQueueV2Gen3Abi } from "../../abis/index.ts";
import {
  COGNITIVE_PHASES,
  type CognitivePhase,
  type GroundTruthTask,
  VERDICTS,
} from "../../src/devnet/ground-truth.ts";
import { COGNITIVE_LEVELS } from "../../src/devnet/node-model.ts";
import {
  addressArg,
  type DecodedLog,
  decodedLogs,
  logsOf,
  type SimulatedChain,
  simulateOnFreshChain,
} from "./simulated-chain.ts";

/** What each CognitiveV1 event says about a round's furthest phase. */
const PHASE_OF_EVENT: Record<string, CognitivePhase> = {
  NewSessionRequest: "REQUESTED",
  NewSessionRequestAssigned: "REQUEST_ASSIGNED",
  SessionCreated: "CREATED",
  SessionPrepareAssigned: "PREPARE_ASSIGNED",
  SessionPrepared: "PREPARED",
  SessionStarted: "STARTED",
  SessionPrecommitted: "PRECOMMITTING",
  SessionAllPrecommitted: "ALL_PRECOMMITTED",
  SessionCommitted: "COMMITTING",
  SessionAllCommitted: "ALL_COMMITTED",
  SessionEnded: "ENDED",
};

const taskKey = (log: DecodedLog) => `${log.args.sessionId}/${log.args.taskId}`;

/** The latest value `pick` gives for each key over the logs, in chain order. */
function latestBy<T>(
  logs: DecodedLog[],
  key: (log: DecodedLog) => string,
  pick: (log: DecodedLog) => T,
) {
  return new Map(logs.map((log) => [key(log), pick(log)]));
}

describe("devnet ground truth against the chain's logs", () => {
  let chain: SimulatedChain;
  let logs: DecodedLog[];
  let tasks: Map<string, GroundTruthTask>;

  beforeAll(async () => {
    chain = await simulateOnFreshChain({
      seed: 3,
      rounds: 4,
      sessionsPerRound: 3,
      tasksPerSession: 3,
    });
    logs = await decodedLogs(chain);
    tasks = new Map(chain.truth.tasks.map((task) => [`${task.sessionId}/${task.taskId}`, task]));
  });
  afterAll(() => chain?.anvil.stop());

  it("gives every miner phase the block timestamp of its log, with varied non-zero latencies", () => {
    const steps = {
      TaskAcked: "ackedAt",
      TaskPrecommitted: "precommittedAt",
      TaskCommitted: "committedAt",
    } as const;
    for (const [eventName, field] of Object.entries(steps)) {
      for (const log of logsOf(logs, "SessionQueueV2", eventName)) {
        const assignment = tasks
          .get(taskKey(log))
          ?.assignments.find((candidate) => candidate.miner === addressArg(log, "miner"));
        expect(assignment?.[field], `${eventName} ${taskKey(log)}`).toBe(log.timestamp);
      }
    }
    for (const log of logsOf(logs, "SessionQueueV2", "TaskAssigned")) {
      const assignments = tasks.get(taskKey(log))?.assignments ?? [];
      expect(assignments.map((assignment) => assignment.assignedAt)).toEqual(
        assignments.map(() => log.timestamp),
      );
    }
    for (const log of logsOf(logs, "SessionQueueV2", "TaskEnded")) {
      expect(tasks.get(taskKey(log))?.endedAt).toBe(log.timestamp);
    }
    const ackLatencies = chain.truth.tasks.flatMap((task) =>
      task.assignments.flatMap((a) => (a.ackedAt === null ? [] : [a.ackedAt - a.assignedAt])),
    );
    expect(Math.min(...ackLatencies)).toBeGreaterThan(0);
    expect(new Set(ackLatencies).size).toBeGreaterThan(2);
  });

  it("settles each assigned miner of an ended task as the logs say, PENDING otherwise", () => {
    const minersOf = (eventName: string) => {
      const byTask = new Map<string, Address[]>();
      for (const log of logsOf(logs, "SessionQueueV2", eventName)) {
        byTask.set(taskKey(log), [...(byTask.get(taskKey(log)) ?? []), addressArg(log, "miner")]);
      }
      return (key: string) => byTask.get(key) ?? [];
    };
    const [acked, precommitted, committed] = ["TaskAcked", "TaskPrecommitted", "TaskCommitted"].map(
      minersOf,
    ) as [(key: string) => Address[], (key: string) => Address[], (key: string) => Address[]];
    const ended = latestBy(logsOf(logs, "SessionQueueV2", "TaskEnded"), taskKey, (log) =>
      (log.args.miners as Address[]).map((miner) => miner.toLowerCase()),
    );
    const outcomes = new Set<string>();
    for (const [key, task] of tasks) {
      for (const { miner, outcome } of task.assignments) {
        const final = ended.get(key);
        let expected = "PENDING";
        if (final && committed(key).includes(miner)) {
          expected = final.includes(miner) ? "COMMITTED" : "DROPPED";
        } else if (final) {
          expected = !acked(key).includes(miner)
            ? "MISSED_ACK"
            : !precommitted(key).includes(miner)
              ? "MISSED_PRECOMMIT"
              : "MISSED_COMMIT";
        }
        expect(outcome, `${key} ${miner}`).toBe(expected);
        outcomes.add(outcome);
      }
    }
    expect(outcomes).toContain("DROPPED");
    expect(outcomes).toContain("COMMITTED");
  });

  it("records what getTaskResults returns at each task's end block", async () => {
    for (const log of logsOf(logs, "SessionQueueV2", "TaskEnded")) {
      const [miners, results] = await chain.client.readContract({
        abi: sessionQueueV2Gen3Abi,
        address: chain.deployment.addresses.SessionQueueV2,
        functionName: "getTaskResults",
        args: [log.args.sessionId as bigint, log.args.taskId as bigint],
        blockNumber: log.blockNumber,
      });
      const expected = tasks.get(taskKey(log))?.results;
      expect(
        miners.map((miner, i) => ({ miner: miner.toLowerCase(), result: results[i] })),
      ).toEqual(expected);
    }
  });

  it("has each node's pool state, pings, NodeStats level, version and CognitiveLevel state", () => {
    const byNode = (log: DecodedLog) =>
      `${log.args.nodeAddress ?? log.args.node ?? log.args.miner}`.toLowerCase();
    const poolEvents = logs.filter(
      (log) => log.contract === "NodePool" && "nodeAddress" in log.args,
    );
    const poolStates = latestBy(
      poolEvents.filter((log) => log.eventName !== "LastExecutionTimestampSet"),
      byNode,
      (log) => log.eventName,
    );
    const pings = latestBy(logsOf(logs, "NodeStats", "NodePinged"), byNode, (log) =>
      Number(log.args.pingCounter),
    );
    const versions = latestBy(
      logsOf(logs, "NodeVersion", "VersionReported"),
      byNode,
      (log) => log.args.version,
    );
    const levelLogs = logs.filter((log) =>
      ["NodeRegistered", "NodeLevelChanged"].includes(log.eventName),
    );
    const levels = latestBy(levelLogs, byNode, (log) =>
      Number(log.args.initialLevel ?? log.args.newLevel),
    );
    const metrics = latestBy(logsOf(logs, "CognitiveLevel", "NodeMetricsUpdated"), byNode, (log) =>
      Number(log.args.totalTasksCompleted),
    );
    const statsLogs = logs.filter((log) =>
      ["NodeLevelUpdated", "NodeReset"].includes(log.eventName),
    );
    const statsLevels = latestBy(
      statsLogs,
      (log) => `${log.args.node}`,
      (log) => Number(log.args.newLevel ?? 0),
    );
    const stateOf = {
      NodeAdded: "ADDED",
      NodeEphemeral: "EPHEMERAL",
      NodeReserved: "RESERVED",
      NodeReleased: "RELEASED",
      NodeRemoved: "REMOVED",
      NodePoolModeReset: "RESET",
    } as Record<string, string>;
    for (const node of chain.truth.nodes) {
      expect(node.nodeId).toBe(keccak256(node.address));
      const poolEvent = poolStates.get(node.address);
      expect(node.poolState, node.address).toBe(poolEvent ? stateOf[poolEvent] : null);
      expect(node.pingCounter).toBe(pings.get(node.address) ?? 0);
      expect(node.version).toBe(versions.get(node.address) ?? null);
      expect(node.level).toBe(levels.get(node.address) ?? null);
      expect(node.cognitiveTasksCompleted).toBe(metrics.get(node.address) ?? 0);
      expect(node.statsLevel).toBe(statsLevels.get(node.nodeId) ?? null);
    }
    expect(
      chain.truth.nodes.some((node) => node.level !== null && node.cognitiveTasksCompleted > 0),
    ).toBe(true);
    // Every address a node contract's event names (NodeStats' level events name node ids only).
    const nodeContracts = ["NodePool", "NodeStats", "NodeVersion", "CognitiveLevel"];
    const named = logs
      .filter((log) => nodeContracts.includes(log.contract))
      .map(byNode)
      .filter((key) => isAddress(key));
    expect(new Set(chain.truth.nodes.map((node) => node.address))).toEqual(new Set(named));
  });

  it("models CognitiveLevel's level bounds as the contract has them", async () => {
    const read = (functionName: "MIN_LEVEL" | "MAX_LEVEL") =>
      chain.client.readContract({
        abi: cognitiveLevelAbi,
        address: chain.deployment.addresses.CognitiveLevel,
        functionName,
      });
    expect({ min: await read("MIN_LEVEL"), max: await read("MAX_LEVEL") }).toEqual(
      COGNITIVE_LEVELS,
    );
  });

  it("counts user-task outcomes per node and reputation records per node id", () => {
    const sum = (pick: (node: (typeof chain.truth.nodes)[number]) => number) =>
      chain.truth.nodes.reduce((total, node) => total + pick(node), 0);
    const assignedLogs = logsOf(logs, "SessionQueueV2", "TaskAssigned");
    expect(sum((node) => node.tasksAssigned)).toBe(
      assignedLogs.reduce((total, log) => total + (log.args.miners as Address[]).length, 0),
    );
    expect(sum((node) => node.tasksSucceeded)).toBe(
      logsOf(logs, "SessionQueueV2", "TaskEnded").reduce(
        (total, log) => total + (log.args.miners as Address[]).length,
        0,
      ),
    );
    expect(sum((node) => node.ackLatencySum)).toBeGreaterThan(0);
    const records = logs.filter((log) => log.contract === "NodeReputation");
    for (const entry of chain.truth.reputation) {
      const mine = records.filter((log) => log.args.node === entry.nodeId);
      expect(entry).toMatchObject({
        successes: mine.filter((log) => log.args.success === true).length,
        failures: mine.filter((log) => log.args.success === false).length,
        ephemeralSets: mine.filter((log) => log.eventName === "EphemeralStateSet").length,
      });
    }
    expect(chain.truth.reputation.length).toBeGreaterThan(0);
  });

  it("has every cognitive round with its furthest phase, miners and counts", () => {
    const cognitive = logs.filter(
      (log) => log.contract === "CognitiveV1" && log.eventName in PHASE_OF_EVENT,
    );
    const expected = chain.truth.cognitiveRounds.map((round) => {
      const mine = cognitive.filter((log) => `${log.args.id}` === round.roundId);
      const rank = Math.max(
        ...mine.map((log) =>
          COGNITIVE_PHASES.indexOf(PHASE_OF_EVENT[log.eventName] as CognitivePhase),
        ),
      );
      const count = (eventName: string) => mine.filter((log) => log.eventName === eventName).length;
      return {
        ...round,
        phase: COGNITIVE_PHASES[rank],
        precommitCount: count("SessionPrecommitted"),
        commitCount: count("SessionCommitted"),
        miners: ((mine[0]?.args.addrs ?? []) as Address[]).map((miner) => miner.toLowerCase()),
      };
    });
    expect(chain.truth.cognitiveRounds).toEqual(expected);
    expect(chain.truth.cognitiveRounds).toHaveLength(4);
  });

  it("lists every validator verdict as TaskValidated logged it", () => {
    const validated = logsOf(logs, "SessionQueueValidation", "TaskValidated").map((log) => ({
      validatorSessionId: `${log.args.validatorSessionId}`,
      sessionId: `${log.args.sessionId}`,
      taskId: `${log.args.taskId}`,
      validator: addressArg(log, "validator"),
      miner: addressArg(log, "miner"),
      verdict: VERDICTS[Number(log.args.verdict)],
      score: Number(log.args.score),
    }));
    expect(validated.length).toBeGreaterThan(0);
    expect(chain.truth.validations).toEqual(validated);
    expect(chain.truth.counts.validations).toBe(validated.length);
  });
});
