// PROVISIONAL. No public ABI of Cortensor's SessionQueueValidation contract exists. This one is
// ours: it carries what validators decide about task results (validator session, task, validator,
// verdict, score) so the index, the devnet and the API can be built now. When the real ABI is
// published, replace this file and src/projection/validation-mapping.ts; nothing else changes.
export const sessionQueueValidationProvisionalAbi = [
  {
    type: "event",
    name: "TaskValidated",
    anonymous: false,
    inputs: [
      { name: "validatorSessionId", type: "uint256", indexed: true, internalType: "uint256" },
      { name: "sessionId", type: "uint256", indexed: true, internalType: "uint256" },
      { name: "taskId", type: "uint256", indexed: true, internalType: "uint256" },
      { name: "validator", type: "address", indexed: false, internalType: "address" },
      { name: "miner", type: "address", indexed: false, internalType: "address" },
      { name: "verdict", type: "uint8", indexed: false, internalType: "uint8" },
      { name: "score", type: "uint256", indexed: false, internalType: "uint256" },
    ],
  },
  {
    type: "function",
    name: "submitVerdict",
    stateMutability: "nonpayable",
    inputs: [
      { name: "validatorSessionId", type: "uint256", internalType: "uint256" },
      { name: "sessionId", type: "uint256", internalType: "uint256" },
      { name: "taskId", type: "uint256", internalType: "uint256" },
      { name: "miner", type: "address", internalType: "address" },
      { name: "verdict", type: "uint8", internalType: "uint8" },
      { name: "score", type: "uint256", internalType: "uint256" },
    ],
    outputs: [],
  },
] as const;
