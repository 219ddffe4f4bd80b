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

describe("applyEvents", () => {
  it.each(everyEvent)("projects $kind $eventName into a domain table", ({ kind, eventName }) => {
    expect(EVENT_HANDLERS[kind][eventName], "handler").toBeTypeOf("function");
    const state = new ProjectionState();
    applyEvents(state, [sampleFor(kind, eventName)]);
    expect(Object.keys(rowCounts(state)).length).toBeGreaterThan(0);
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
