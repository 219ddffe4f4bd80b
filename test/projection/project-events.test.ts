import { describe, expect, it } from "vitest";
import { projectEvents } from "../../src/projection/project-events.ts";
import { decodedEvent } from "../fixtures/abi-samples.ts";

const miners = [
  "0x00000000000000000000000000000000000000a1",
  "0x00000000000000000000000000000000000000a2",
];
const task = { sessionId: 1n, taskId: 0n };

describe("projectEvents", () => {
  it("follows a task through its whole lifecycle in one batch", () => {
    const changes = projectEvents([
      decodedEvent(
        "SessionV2",
        "TaskSubmitted",
        { ...task, taskData: "urn:prompt", clientReference: "ref-1" },
        { block: 1 },
      ),
      decodedEvent(
        "SessionQueueV2",
        "TaskQueued",
        { ...task, globalId: 42n, taskData: "urn:prompt" },
        { block: 1, logIndex: 1 },
      ),
      decodedEvent("SessionQueueV2", "TaskAssigned", { ...task, miners }, { block: 2 }),
      decodedEvent("SessionQueueV2", "TaskAcked", { ...task, miner: miners[0] }, { block: 3 }),
      decodedEvent("SessionQueueV2", "TaskAcked", { ...task, miner: miners[1] }, { block: 4 }),
      decodedEvent(
        "SessionQueueV2",
        "TaskPrecommitted",
        { ...task, miner: miners[0] },
        { block: 5 },
      ),
      decodedEvent("SessionQueueV2", "TaskCommitted", { ...task, miner: miners[0] }, { block: 6 }),
      decodedEvent("SessionQueueV2", "TaskEnded", { ...task, miners: [miners[0]] }, { block: 7 }),
    ]);
    expect(changes.tasks).toHaveLength(1);
    expect(changes.tasks[0]).toMatchObject({
      sessionId: "1",
      taskId: "0",
      globalId: "42",
      status: "ENDED",
      taskData: "urn:prompt",
      clientReference: "ref-1",
      miners,
      finalMiners: [miners[0]],
      ackDelta: 2,
      precommitDelta: 1,
      commitDelta: 1,
    });
    expect(changes.tasks[0]?.phases.acked).toEqual({ block: 3n, timestamp: 1_700_000_006n });
    expect(changes.tasks[0]?.phases.ended?.block).toBe(7n);
  });

  it("never moves a status back when an earlier phase's event comes later", () => {
    const changes = projectEvents([
      decodedEvent("SessionQueueV2", "TaskCommitted", { ...task, miner: miners[0] }, { block: 6 }),
      decodedEvent(
        "SessionQueueV2",
        "TaskAcked",
        { ...task, miner: miners[1] },
        { block: 6, logIndex: 1 },
      ),
    ]);
    expect(changes.tasks[0]?.status).toBe("COMMITTED");
  });

  it("builds sessions from creation, update and deactivation", () => {
    const owner = "0x00000000000000000000000000000000000000b0";
    const changes = projectEvents([
      decodedEvent(
        "SessionV2",
        "SessionCreated",
        { sessionId: 7n, sid: `0x${"11".repeat(32)}`, owner, miners },
        { block: 1 },
      ),
      decodedEvent(
        "SessionV2",
        "SessionUpdated",
        { sessionId: 7n, updater: owner, minNumOfNodes: 1n, maxNumOfNodes: 3n, redundant: 2n },
        { block: 2 },
      ),
      decodedEvent(
        "SessionV2",
        "SessionDeactivated",
        { sessionId: 7n, deactivator: owner },
        { block: 3 },
      ),
    ]);
    expect(changes.sessions).toEqual([
      expect.objectContaining({
        sessionId: "7",
        created: expect.objectContaining({ owner, miners, block: 1n }),
        updated: { minNumOfNodes: "1", maxNumOfNodes: "3", redundant: "2", block: 2n },
        deactivatedBlock: 3n,
      }),
    ]);
  });

  it("ignores events outside sessions and tasks, and undecoded logs", () => {
    const changes = projectEvents([
      decodedEvent(
        "NodePool",
        "NodeAdded",
        { nodeId: `0x${"22".repeat(32)}`, nodeAddress: miners[0], timestamp: 1n },
        { block: 1 },
      ),
      {
        ...decodedEvent("SessionQueueV2", "TaskAcked", { ...task, miner: miners[0] }, { block: 2 }),
        eventName: null,
        args: null,
      },
    ]);
    expect(changes).toEqual({ sessions: [], tasks: [] });
  });
});
