import { z } from "zod";
import { cortensorAbis } from "../../abis/index.ts";

/** A value that public sources do not give: kept explicit so nobody mistakes a guess for a fact. */
export const UNKNOWN = "unknown" as const;
const unknown = z.literal(UNKNOWN);

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((value) => value.toLowerCase() as `0x${string}`);

const contractKind = z.enum(Object.keys(cortensorAbis) as [keyof typeof cortensorAbis]);

export const contractSchema = z
  .object({
    kind: contractKind,
    abi: z.string().min(1, 'expected the ABI generation, e.g. "gen3"'),
    address: z.union([address, unknown], {
      error: 'expected a 0x-prefixed 20-byte hex address or "unknown"',
    }),
    startBlock: z.union([z.number().int().nonnegative(), unknown], {
      error: 'expected a non-negative block number or "unknown"',
    }),
  })
  .strict()
  .superRefine((contract, ctx) => {
    const generations = Object.keys(cortensorAbis[contract.kind]);
    if (!generations.includes(contract.abi)) {
      ctx.addIssue({
        code: "custom",
        path: ["abi"],
        message: `ABI generation "${contract.abi}" does not exist for ${contract.kind}; expected one of ${generations.join(", ")}`,
      });
    }
  });

export const chainSchema = z
  .object({
    name: z.string().min(1),
    layer: z.enum(["L2", "L3"]),
    chainId: z.number().int().positive(),
    rpcUrls: z.union([z.array(z.url({ protocol: /^(https?|wss?)$/ })).min(1), unknown], {
      error: 'expected a non-empty list of http(s)/ws(s) URLs or "unknown"',
    }),
    /**
     * Blocks behind the head that are treated as final. Blocks above head − depth are indexed too,
     * with an undo journal, and rolled back when a reorg orphans them.
     */
    finalityDepth: z.number().int().nonnegative(),
    /**
     * When set, the block this tag names (eth_getBlockByNumber "finalized" or "safe") is the final
     * one and finalityDepth is not used.
     */
    finalityTag: z.enum(["finalized", "safe"]).optional(),
    pollingIntervalMs: z.number().int().min(50),
    /**
     * Share (0–1) of log queries asked a second time, of another provider when there are several,
     * and taken only once two answers agree: catches providers that silently leave logs out.
     */
    logCrossCheckRatio: z.number().min(0).max(1).default(0.05),
    /** Most HTTP requests a second to each of the chain's providers (their quota); no limit if unset. */
    maxRequestsPerSecond: z.number().positive().optional(),
    /** Largest block span of one eth_getLogs call. */
    maxBlockRange: z.number().int().positive().default(2000),
    contracts: z.array(contractSchema),
  })
  .strict();

export const networkSchema = z
  .object({
    $comment: z.string().optional(),
    name: z.string().min(1),
    chains: z.array(chainSchema).min(1),
  })
  .strict()
  .superRefine((network, ctx) => {
    const seen = new Set<number>();
    network.chains.forEach((chain, index) => {
      if (seen.has(chain.chainId)) {
        ctx.addIssue({
          code: "custom",
          path: ["chains", index, "chainId"],
          message: `chain id ${chain.chainId} is listed twice`,
        });
      }
      seen.add(chain.chainId);
    });
  });

export type NetworkFile = z.infer<typeof networkSchema>;
export type ChainFile = z.infer<typeof chainSchema>;
export type ContractFile = z.infer<typeof contractSchema>;
