import {
  cognitiveRoundMiners,
  cognitiveRounds,
  dedicatedNodes,
  routers,
  sessionNodeChanges,
} from "../../db/schema/index.ts";
import { tableEntitySpec } from "./table-spec.ts";

/** Routers registered on a SessionV2 contract. */
export const routerSpec = tableEntitySpec({
  typeName: "Router",
  table: routers,
  primaryKey: ["chainId", "contractAddress", "routerAddress"],
  kinds: { contractAddress: "address", routerAddress: "address" },
});

/** Dedicated nodes whitelisted on a SessionV2 contract. */
export const dedicatedNodeSpec = tableEntitySpec({
  typeName: "DedicatedNode",
  table: dedicatedNodes,
  primaryKey: ["chainId", "contractAddress", "nodeAddress"],
  kinds: { contractAddress: "address", nodeAddress: "address" },
});

/** Node membership changes of a session. */
export const sessionNodeChangeSpec = tableEntitySpec({
  typeName: "SessionNodeChange",
  table: sessionNodeChanges,
  primaryKey: ["chainId", "blockNumber", "logIndex", "position"],
  kinds: { nodeAddress: "address", nodeId: "hash" },
});

/** CognitiveV1 network-task rounds. */
export const cognitiveRoundSpec = tableEntitySpec({
  typeName: "CognitiveRound",
  table: cognitiveRounds,
  primaryKey: ["chainId", "roundId"],
  kinds: {
    phase: { enumType: "CognitivePhase" },
    requestAssignee: "address",
    creator: "address",
    prepareAssignee: "address",
    preparer: "address",
  },
});

/** A miner's precommit and commit in a cognitive round. */
export const cognitiveRoundMinerSpec = tableEntitySpec({
  typeName: "CognitiveRoundMiner",
  table: cognitiveRoundMiners,
  primaryKey: ["chainId", "roundId", "miner"],
  kinds: { miner: "address" },
});
