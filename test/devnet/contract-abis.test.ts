import { type AbiEvent, type AbiFunction, toFunctionSelector } from "viem";
import { describe, expect, it } from "vitest";
import {
  cognitiveLevelAbi,
  cognitiveV1Abi,
  nodePoolAbi,
  nodeReputationAbi,
  nodeStatsAbi,
  nodeVersionAbi,
  sessionQueueV2Gen3Abi,
  sessionQueueValidationProvisionalAbi,
  sessionV2Gen3Abi,
} from "../../abis/index.ts";
import { devnetArtifacts } from "../../src/devnet/contracts/artifacts.ts";
import { devnetContractNames } from "../../src/devnet/contracts/sources.ts";

const realAbis = {
  SessionQueueV2: sessionQueueV2Gen3Abi,
  SessionV2: sessionV2Gen3Abi,
  NodePool: nodePoolAbi,
  NodeReputation: nodeReputationAbi,
  NodeStats: nodeStatsAbi,
  NodeVersion: nodeVersionAbi,
  CognitiveV1: cognitiveV1Abi,
  CognitiveLevel: cognitiveLevelAbi,
  SessionQueueValidation: sessionQueueValidationProvisionalAbi,
} as const;

/** Real events the devnet never emits: admin settings nobody indexes. */
const notEmitted = new Set(["EphemeralStateWindowUpdated", "MaxTimestampsPerStateUpdated"]);

/** Devnet functions that take fewer arguments than the real ones of the same name. */
const simplified = new Set(["create", "submit", "update", "enqueueTask"]);

function eventsOf(abi: readonly unknown[]): AbiEvent[] {
  return (abi as AbiEvent[]).filter((item) => item.type === "event");
}

function functionsOf(abi: readonly unknown[]): AbiFunction[] {
  return (abi as AbiFunction[]).filter((item) => item.type === "function");
}

/** What decides topic0 and the data layout: name, parameter types, order and indexed flags. */
function eventShape(event: AbiEvent) {
  return {
    name: event.name,
    anonymous: event.anonymous ?? false,
    inputs: event.inputs.map(({ name, type, indexed }) => ({ name, type, indexed: !!indexed })),
  };
}

describe.each(devnetContractNames)("devnet %s ABI", (name) => {
  const devnetAbi = devnetArtifacts[name].abi;
  const realAbi = realAbis[name];

  it("declares only events that exist in the real ABI with identical signature and indexing", () => {
    const realEvents = new Map(eventsOf(realAbi).map((event) => [event.name, event]));
    for (const event of eventsOf(devnetAbi)) {
      const real = realEvents.get(event.name);
      expect(real, `${name}.${event.name} is not in the real ABI`).toBeDefined();
      expect(eventShape(event)).toEqual(eventShape(real as AbiEvent));
    }
  });

  it("declares every event of the real ABI it is meant to emit", () => {
    const declared = new Set(eventsOf(devnetAbi).map((event) => event.name));
    const missing = eventsOf(realAbi)
      .map((event) => event.name)
      .filter((event) => !declared.has(event) && !notEmitted.has(event));
    expect(missing).toEqual([]);
  });

  it("keeps the real selector for every function it shares a name with, except the simplified ones", () => {
    const realSelectors = new Map(
      functionsOf(realAbi).map((fn) => [fn.name, toFunctionSelector(fn)]),
    );
    for (const fn of functionsOf(devnetAbi)) {
      const real = realSelectors.get(fn.name);
      if (real === undefined || simplified.has(fn.name)) continue;
      expect(toFunctionSelector(fn), `${name}.${fn.name}`).toBe(real);
    }
  });
});

describe("result getters", () => {
  it.each([
    ["SessionQueueV2", "getTaskResults"],
    ["SessionQueueV2", "getTaskResultsAndHashes"],
    ["SessionV2", "getTaskResults"],
  ] as const)("%s.%s has the gen3 inputs and outputs", (name, functionName) => {
    const find = (abi: readonly unknown[]) => {
      const fn = functionsOf(abi).find((candidate) => candidate.name === functionName);
      expect(fn).toBeDefined();
      const { inputs, outputs, stateMutability } = fn as AbiFunction;
      return {
        inputs: inputs.map((input) => input.type),
        outputs: outputs.map((output) => output.type),
        stateMutability,
      };
    };
    expect(find(devnetArtifacts[name].abi)).toEqual(find(realAbis[name]));
  });
});
