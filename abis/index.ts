/**
 * Every Cortensor ABI the indexer knows, keyed by contract kind and ABI generation.
 *
 * A network file names a contract by `kind` and `abi` (the generation); decoding tries the
 * chosen generation first and then every other generation of the same kind, because deployed
 * contracts drift from the ABIs shipped to app developers.
 */
import { cognitiveLevelAbi } from "./CognitiveLevel.ts";
import { cognitiveV1Abi } from "./CognitiveV1.ts";
import { nodePoolAbi } from "./NodePool.ts";
import { nodeReputationAbi } from "./NodeReputation.ts";
import { nodeStatsAbi } from "./NodeStats.ts";
import { nodeVersionAbi } from "./NodeVersion.ts";
import { sessionQueueValidationProvisionalAbi } from "./SessionQueueValidation.provisional.ts";
import { sessionQueueV2Gen1Abi } from "./SessionQueueV2.gen1.ts";
import { sessionQueueV2Gen3Abi } from "./SessionQueueV2.gen3.ts";
import { sessionV2Gen1Abi } from "./SessionV2.gen1.ts";
import { sessionV2Gen2Abi } from "./SessionV2.gen2.ts";
import { sessionV2Gen3Abi } from "./SessionV2.gen3.ts";

export const cortensorAbis = {
  SessionV2: { gen1: sessionV2Gen1Abi, gen2: sessionV2Gen2Abi, gen3: sessionV2Gen3Abi },
  SessionQueueV2: { gen1: sessionQueueV2Gen1Abi, gen3: sessionQueueV2Gen3Abi },
  NodePool: { "2025-08": nodePoolAbi },
  NodeReputation: { "2025-08": nodeReputationAbi },
  NodeStats: { "2025-08": nodeStatsAbi },
  NodeVersion: { "2025-08": nodeVersionAbi },
  CognitiveV1: { "2025-08": cognitiveV1Abi },
  CognitiveLevel: { "2025-08": cognitiveLevelAbi },
  /** Provisional: see the file's header. */
  SessionQueueValidation: { provisional: sessionQueueValidationProvisionalAbi },
} as const;

export type ContractKind = keyof typeof cortensorAbis;
export const contractKinds = Object.keys(cortensorAbis) as ContractKind[];

export {
  cognitiveLevelAbi,
  cognitiveV1Abi,
  nodePoolAbi,
  nodeReputationAbi,
  nodeStatsAbi,
  nodeVersionAbi,
  sessionQueueValidationProvisionalAbi,
  sessionQueueV2Gen1Abi,
  sessionQueueV2Gen3Abi,
  sessionV2Gen1Abi,
  sessionV2Gen2Abi,
  sessionV2Gen3Abi,
};
