import type { AbiEvent } from "viem";
import { describe, expect, it } from "vitest";
import { type ContractKind, cortensorAbis } from "../../abis/index.ts";
import { decodeLog, toJsonValue } from "../../src/decode/decode-log.ts";
import { knownTopics } from "../../src/decode/event-registry.ts";
import { encodeSampleLog, sampleArgs } from "../fixtures/abi-samples.ts";

const everyEvent = Object.entries(cortensorAbis).flatMap(([kind, generations]) =>
  Object.entries(generations).flatMap(([generation, abi]) =>
    (abi as readonly { type: string }[])
      .filter((item) => item.type === "event")
      .map((item) => {
        const event = item as AbiEvent;
        return {
          kind: kind as ContractKind,
          generation,
          event,
          label: `${kind} ${generation} ${event.name}`,
        };
      }),
  ),
);

describe("decodeLog", () => {
  it("covers every ABI file", () => {
    expect(everyEvent.length).toBeGreaterThan(90);
  });

  it.each(everyEvent)("decodes $label with every argument intact", ({ kind, event }) => {
    const args = sampleArgs(event);
    const decoded = decodeLog(encodeSampleLog(event, args), kind);
    expect(decoded.eventName).toBe(event.name);
    expect(decoded.args).toEqual(toJsonValue(args));
  });

  it("keeps uint256 values above 2^53 exact, as decimal strings", () => {
    const event = cortensorAbis.SessionQueueV2.gen3.find(
      (item) => item.type === "event" && item.name === "TaskQueued",
    ) as AbiEvent;
    const args = {
      sessionId: 2n ** 200n + 7n,
      taskId: 3n,
      globalId: 9_007_199_254_740_993n,
      taskData: "x",
    };
    const decoded = decodeLog(encodeSampleLog(event, args), "SessionQueueV2");
    expect(decoded.args).toMatchObject({
      sessionId: (2n ** 200n + 7n).toString(),
      globalId: "9007199254740993",
    });
  });

  it("tells the two TaskAssigned events apart by contract kind", () => {
    const sessionEvent = cortensorAbis.SessionV2.gen3.find(
      (item) => item.type === "event" && item.name === "TaskAssigned",
    ) as AbiEvent;
    const log = encodeSampleLog(sessionEvent, sampleArgs(sessionEvent));
    expect(decodeLog(log, "SessionV2").args).toHaveProperty("nodeIds");
    expect(decodeLog(log, "SessionQueueV2").eventName).toBeNull();
  });

  it("returns an unknown topic0 undecoded, with the raw log kept", () => {
    const event = cortensorAbis.NodePool["2025-08"].find(
      (item) => item.type === "event" && item.name === "NodeAdded",
    ) as AbiEvent;
    const log = encodeSampleLog(event, sampleArgs(event));
    const decoded = decodeLog(log, "SessionV2");
    expect(decoded).toMatchObject({ eventName: null, args: null, abi: null, data: log.data });
    expect(decoded.topics).toEqual(log.topics);
  });

  it("rejects a log whose data does not fit the event, instead of guessing", () => {
    const event = cortensorAbis.SessionQueueV2.gen1.find(
      (item) => item.type === "event" && item.name === "TaskAcked",
    ) as AbiEvent;
    const log = { ...encodeSampleLog(event, sampleArgs(event)), data: "0x1234" as const };
    expect(decodeLog(log, "SessionQueueV2").eventName).toBeNull();
  });

  it("lists the topics of every generation once", () => {
    const topics = knownTopics("SessionV2");
    expect(new Set(topics).size).toBe(topics.length);
    // gen1 has DepositToSession/WithdrawFromSession, gen2+ NewNodeAssignedToSession: 16 distinct events.
    expect(topics).toHaveLength(16);
  });
});
