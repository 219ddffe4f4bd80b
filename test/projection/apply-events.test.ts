import type { AbiEvent } from "viem";
import { describe, expect, it } from "vitest";
import { type ContractKind, cortensorAbis } from "../../abis/index.ts";
import { applyEvents, EVENT_HANDLERS } from "../../src/projection/apply-events.ts";
import { ProjectionState } from "../../src/projection/projection-state.ts";
import { decodedEvent } from "../fixtures/abi-samples.ts";

const everyEvent = Object.entries(cortensorAbis).flatMap(([kind, generations]) =>
  [
    ...new Set(
      Object.values(generations).flatMap((abi) =>
        (abi as readonly { type: string; name?: string }[])
          .filter((item) => item.type === "event")
          .map((item) => item.name as string),
      ),
    ),
  ].map((eventName) => ({ kind: kind as ContractKind, eventName })),
);

const miners = [
  "0x00000000000000000000000000000000000000a1",
  "0x00000000000000000000000000000000000000a2",
  "0x00000000000000000000000000000000000000a3",
];
const task = { sessionId: 1n, taskId: 0n };

/** How many rows (changed or appended) a state holds, per table. */
function rowCounts(state: ProjectionState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(state)) {
    const rows =
      typeof table?.changed === "function" ? table.changed() : (table as { rows?: unknown[] }).rows;
    if (Array.isArray(rows) && rows.length > 0) counts[name] = rows.length;
  }
  return counts;
}

function sampleFor(kind: ContractKind, eventName: string) {
  const abi = Object.values(cortensorAbis[kind]).flat() as readonly AbiEvent[];
  const event = abi.find((item) => item.type === "event" && item.name === eventName) as AbiEvent;
  const args: Record<string, unknown> = {};
  event.inputs.forEach((input, index) => {
    const name = input.name as string;
    if (input.type === "address") args[name] = miners[index % miners.length];
    else if (input.type === "address[]") args[name] = miners;
    else if (input.type === "bytes32") args[name] = `0x${"ab".repeat(32)}`;
    else if (input.type === "bytes32[]") args[name] = [`0x${"cd".repeat(32)}`];
    else if (input.type === "string") args[name] = "urn:sample";
    else if (input.type === "bool") args[name] = true;
    else if (input.type === "uint8") args[name] = 3;
    else args[name] = 3n;
  });
  return decodedEvent(kind, eventName, args, { block: 5 });
}

type ExpectedRow = [table: string, fields: Record<string, unknown>];

const poolRow = (poolState: string): ExpectedRow => [
  "nodes",
  { address: miners[1], poolState, nodeId: `0x${"ab".repeat(32)}` },
];
const setting = (name: string): ExpectedRow => ["contractSettings", { setting: name }];
const round = (phase: string): ExpectedRow => ["cognitiveRounds", { roundId: "3", phase }];

/**
 * The row each event produces from `sampleFor`'s arguments (addresses from `miners`, numbers 3,
 * strings "urn:sample", block 5): table name in ProjectionState and the fields it must have.
 */
const EXPECTED_ROWS: Record<string, ExpectedRow> = {
  "SessionV2.AllRoutersRemoved": ["sessions", { sessionId: "3", routersClearedBlock: 5n }],
  "SessionV2.DedicatedNodeAdded": ["dedicatedNodes", { nodeAddress: miners[0], state: "ACTIVE" }],
  "SessionV2.DedicatedNodeRemoved": [
    "dedicatedNodes",
    { nodeAddress: miners[0], state: "REMOVED" },
  ],
  "SessionV2.DepositToSession": ["sessions", { deposited: "3", withdrawn: "0" }],
  "SessionV2.WithdrawFromSession": ["sessions", { withdrawn: "3" }],
  "SessionV2.NodeReleased": ["sessionNodeChanges", { change: "RELEASED", sessionId: "3" }],
  "SessionV2.NewNodeAssignedToSession": [
    "sessionNodeChanges",
    { change: "ASSIGNED", nodeAddress: miners[0] },
  ],
  "SessionV2.OwnershipTransferred": [
    "contractSettings",
    { setting: "owner", value: `"${miners[1]}"` },
  ],
  "SessionV2.RouterAdded": [
    "routers",
    { routerAddress: miners[0], routerInfo: "urn:sample", state: "ACTIVE" },
  ],
  "SessionV2.RouterUpdated": ["routers", { routerAddress: miners[0], state: "ACTIVE" }],
  "SessionV2.RouterRemoved": ["routers", { routerAddress: miners[0], state: "REMOVED" }],
  "SessionV2.SessionCreated": [
    "sessions",
    { sessionId: "3", owner: miners[2], miners, createdBlock: 5n },
  ],
  "SessionV2.SessionDeactivated": ["sessions", { state: "DEACTIVATED", deactivatedBlock: 5n }],
  "SessionV2.SessionUpdated": [
    "sessions",
    { minNumOfNodes: "3", redundant: "3", updatedBlock: 5n },
  ],
  "SessionV2.TaskAssigned": ["tasks", { nodeIds: [`0x${"cd".repeat(32)}`] }],
  "SessionV2.TaskSubmitted": ["tasks", { clientReference: "urn:sample", submittedBlock: 5n }],
  "SessionQueueV2.OwnershipTransferred": setting("owner"),
  "SessionQueueV2.TaskQueued": ["tasks", { globalId: "3", status: "QUEUED", queuedBlock: 5n }],
  "SessionQueueV2.TaskAssigned": ["tasks", { miners, status: "ASSIGNED", assignedBlock: 5n }],
  "SessionQueueV2.TaskAcked": ["taskAssignments", { miner: miners[2], ackedBlock: 5n }],
  "SessionQueueV2.TaskPrecommitted": [
    "taskAssignments",
    { miner: miners[2], precommittedBlock: 5n },
  ],
  "SessionQueueV2.TaskCommitted": ["taskAssignments", { miner: miners[2], committedBlock: 5n }],
  "SessionQueueV2.TaskPrecommitEnded": ["tasks", { precommitEndedBlock: 5n }],
  "SessionQueueV2.TaskCommitEnded": ["tasks", { commitEndedBlock: 5n }],
  "SessionQueueV2.TaskAllPrecommitted": [
    "tasks",
    { allPrecommittedMiners: miners, allPrecommittedBlock: 5n },
  ],
  "SessionQueueV2.TaskAllCommitted": [
    "tasks",
    { allCommittedMiners: miners, allCommittedBlock: 5n },
  ],
  "SessionQueueV2.TaskEnded": ["tasks", { status: "ENDED", finalMiners: miners, endedBlock: 5n }],
  "NodePool.NodeAdded": poolRow("ADDED"),
  "NodePool.NodeRemoved": poolRow("REMOVED"),
  "NodePool.NodeEphemeral": poolRow("EPHEMERAL"),
  "NodePool.NodeReserved": poolRow("RESERVED"),
  "NodePool.NodeReleased": poolRow("RELEASED"),
  "NodePool.NodePoolModeReset": poolRow("RESET"),
  "NodePool.LastExecutionTimestampSet": ["nodes", { address: miners[1], lastExecutionAt: 3n }],
  "NodePool.NodePoolForceModeResetAll": [
    "nodePoolEvents",
    { event: "NodePoolForceModeResetAll", timestamp: "3" },
  ],
  "NodePool.OwnershipTransferred": setting("owner"),
  "NodeReputation.StateRecorded": [
    "nodeReputationRecords",
    { state: "urn:sample", success: true, timestamp: "3" },
  ],
  "NodeReputation.EphemeralStateSet": [
    "nodeReputationRecords",
    { state: "EPHEMERAL", success: null },
  ],
  "NodeReputation.EphemeralStateWindowUpdated": [
    "contractSettings",
    { setting: "ephemeralStateWindow", value: '"3"' },
  ],
  "NodeReputation.MaxTimestampsPerStateUpdated": setting("maxTimestampsPerState"),
  "NodeReputation.OwnershipTransferred": setting("owner"),
  "NodeStats.NodePinged": [
    "nodeStats",
    { address: miners[0], pingCounter: "3", lastPingBlock: 5n },
  ],
  "NodeStats.NodeLevelUpdated": ["nodeStats", { level: "3" }],
  "NodeStats.NodeReset": ["nodeStats", { resets: 1, level: "0" }],
  "NodeStats.GlobalPingThresholdReached": setting("globalPingCounter"),
  "NodeStats.OwnershipTransferred": setting("owner"),
  "NodeVersion.VersionReported": ["nodes", { address: miners[0], version: "urn:sample" }],
  "NodeVersion.MaxVersionsPerNodeUpdated": setting("maxVersionsPerNode"),
  "NodeVersion.OwnershipTransferred": setting("owner"),
  "CognitiveV1.NewSessionRequest": [
    "cognitiveRounds",
    { phase: "REQUESTED", requestedMiners: miners },
  ],
  "CognitiveV1.NewSessionRequestAssigned": [
    "cognitiveRounds",
    { phase: "REQUEST_ASSIGNED", requestAssignee: miners[1] },
  ],
  "CognitiveV1.SessionCreated": ["cognitiveRounds", { phase: "CREATED", creator: miners[1] }],
  "CognitiveV1.SessionPrepareAssigned": [
    "cognitiveRounds",
    { phase: "PREPARE_ASSIGNED", prepareAssignee: miners[1] },
  ],
  "CognitiveV1.SessionPrepared": ["cognitiveRounds", { phase: "PREPARED", preparer: miners[1] }],
  "CognitiveV1.SessionStarted": [
    "cognitiveRounds",
    { phase: "STARTED", startMiners: miners, startTimestamp: "3" },
  ],
  "CognitiveV1.SessionPrecommitted": [
    "cognitiveRounds",
    { phase: "PRECOMMITTING", precommitCount: 1 },
  ],
  "CognitiveV1.SessionAllPrecommitted": [
    "cognitiveRounds",
    { phase: "ALL_PRECOMMITTED", forceEnded: true },
  ],
  "CognitiveV1.SessionCommitted": ["cognitiveRounds", { phase: "COMMITTING", commitCount: 1 }],
  "CognitiveV1.SessionAllCommitted": round("ALL_COMMITTED"),
  "CognitiveV1.SessionEnded": [
    "cognitiveRounds",
    { phase: "ENDED", endTimestamp: "3", endedBlock: 5n },
  ],
  "CognitiveV1.OwnershipTransferred": setting("owner"),
  "CognitiveLevel.NodeRegistered": ["nodes", { address: miners[0], level: 3 }],
  "CognitiveLevel.NodeLevelChanged": [
    "nodes",
    { address: miners[0], level: 3, levelUpdatedBlock: 5n },
  ],
  "CognitiveLevel.ConsecutiveSuccessUpdated": ["nodes", { consecutiveSuccess: "3" }],
  "CognitiveLevel.NodeMetricsUpdated": [
    "nodes",
    { cognitiveTasksCompleted: "3", cognitiveTasksFailed: "3" },
  ],
  "CognitiveLevel.TaskReported": ["nodes", { reportedTaskCount: "3", reportedSuccessCount: "3" }],
  "CognitiveLevel.LevelRequirementsUpdated": setting("levelRequirements.3"),
  "CognitiveLevel.OwnershipTransferred": setting("owner"),
  "SessionQueueValidation.TaskValidated": [
    "validations",
    { verdict: "NEEDS_SPEC", validator: miners[0], score: "3" },
  ],
};

function rowsOf(state: ProjectionState, table: string): unknown[] {
  if (table === "taskAssignments") return state.assignments.changed();
  const rows = (
    state as unknown as Record<string, { changed?: () => unknown[]; rows?: unknown[] }>
  )[table];
  return rows?.changed?.() ?? rows?.rows ?? [];
}

describe("applyEvents", () => {
  it("has an expected row for every event of every ABI", () => {
    const names = everyEvent.map(({ kind, eventName }) => `${kind}.${eventName}`).sort();
    expect(Object.keys(EXPECTED_ROWS).sort()).toEqual(names);
  });

  it.each(everyEvent)("projects $kind $eventName into its domain row", ({ kind, eventName }) => {
    expect(EVENT_HANDLERS[kind][eventName], "handler").toBeTypeOf("function");
    const state = new ProjectionState();
    applyEvents(state, [sampleFor(kind, eventName)]);
    const [table, fields] = EXPECTED_ROWS[`${kind}.${eventName}`] ?? ["", {}];
    expect(rowsOf(state, table)).toContainEqual(
      expect.objectContaining({ chainId: 31337, ...fields }),
    );
  });

  it("follows a task and its miners through the lifecycle, settling each miner's outcome", () => {
    const state = new ProjectionState();
    const [m1, m2, m3] = miners as [string, string, string];
    applyEvents(state, [
      decodedEvent(
        "SessionQueueV2",
        "TaskQueued",
        { ...task, globalId: 9n, taskData: "urn:p" },
        { block: 1 },
      ),
      decodedEvent("SessionQueueV2", "TaskAssigned", { ...task, miners }, { block: 2 }),
      decodedEvent("SessionQueueV2", "TaskAcked", { ...task, miner: m1 }, { block: 3 }),
      decodedEvent("SessionQueueV2", "TaskAcked", { ...task, miner: m2 }, { block: 4 }),
      decodedEvent(
        "SessionQueueV2",
        "TaskAcked",
        { ...task, miner: m2 },
        { block: 4, logIndex: 1 },
      ),
      decodedEvent("SessionQueueV2", "TaskPrecommitted", { ...task, miner: m1 }, { block: 5 }),
      decodedEvent(
        "SessionQueueV2",
        "TaskPrecommitted",
        { ...task, miner: m2 },
        { block: 5, logIndex: 1 },
      ),
      decodedEvent("SessionQueueV2", "TaskCommitted", { ...task, miner: m1 }, { block: 6 }),
      decodedEvent("SessionQueueV2", "TaskCommitted", { ...task, miner: m2 }, { block: 7 }),
      decodedEvent("SessionQueueV2", "TaskEnded", { ...task, miners: [m1] }, { block: 8 }),
    ]);
    const [taskRow] = state.tasks.changed();
    expect(taskRow).toMatchObject({
      status: "ENDED",
      globalId: "9",
      ackCount: 2,
      commitCount: 2,
      finalMiners: [m1],
    });
    const outcomes = Object.fromEntries(
      state.assignments.changed().map((row) => [row.miner, row.outcome]),
    );
    expect(outcomes).toEqual({ [m1]: "COMMITTED", [m2]: "DROPPED", [m3]: "MISSED_ACK" });
    // decodedEvent stamps block n with 1_700_000_000 + 2n seconds.
    expect(state.nodes.changed().find((row) => row.address === m1)).toMatchObject({
      tasksAssigned: 1,
      tasksAcked: 1,
      tasksCommitted: 1,
      tasksSucceeded: 1,
      ackLatencySum: 2n,
      precommitLatencySum: 4n,
      commitLatencySum: 2n,
    });
    expect(state.nodes.changed().find((row) => row.address === m3)).toMatchObject({
      missedAck: 1,
      tasksEnded: 1,
    });
    expect(state.taskResultFetches.rows).toHaveLength(1);
  });

  it("never moves a task status back", () => {
    const state = new ProjectionState();
    applyEvents(state, [
      decodedEvent("SessionQueueV2", "TaskCommitted", { ...task, miner: miners[0] }, { block: 6 }),
      decodedEvent(
        "SessionQueueV2",
        "TaskAcked",
        { ...task, miner: miners[1] },
        { block: 6, logIndex: 1 },
      ),
    ]);
    expect(state.tasks.changed()[0]?.status).toBe("COMMITTED");
  });

  it("maps provisional validation verdicts by name", () => {
    const state = new ProjectionState();
    applyEvents(state, [
      decodedEvent(
        "SessionQueueValidation",
        "TaskValidated",
        {
          validatorSessionId: 4n,
          ...task,
          validator: miners[0],
          miner: miners[1],
          verdict: 3,
          score: 80n,
        },
        { block: 9 },
      ),
    ]);
    expect(state.validations.rows[0]).toMatchObject({
      verdict: "NEEDS_SPEC",
      score: "80",
      validatorSessionId: "4",
    });
  });

  it("ignores undecoded logs", () => {
    const state = new ProjectionState();
    applyEvents(state, [
      { ...sampleFor("SessionQueueV2", "TaskAcked"), eventName: null, args: null },
    ]);
    expect(rowCounts(state)).toEqual({});
  });
});
