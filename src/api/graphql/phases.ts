import type { PhaseResetRow, PhaseRow, SwitchMode } from "../../db/control-schema/index.ts";
import { listPhases } from "../../phase/phase-store.ts";
import { summarizePhase } from "../../phase/phase-summary.ts";
import { performReset } from "../../reset/perform-reset.ts";
import { readReset } from "../../reset/reset-journal.ts";
import { adminTokenName } from "../admin/admin-tokens.ts";
import { ApiInputError, UnauthenticatedError } from "../errors.ts";
import type { ApiContext } from "./context.ts";

/** SDL of `phases` and the admin mutation `resetPhase`. */
export const phaseTypeDefs = /* GraphQL */ `
  "One chain's block range in a phase."
  type PhaseChain {
    chainId: Int!
    name: String!
    startBlock: BigInt!
    "Last indexed block; startBlock - 1 before anything was indexed."
    lastIndexedBlock: BigInt!
  }

  type PhaseCounts {
    events: Int!
    sessions: Int!
    tasks: Int!
  }

  "An index phase (e.g. a testnet phase): its own tables, kept when a reset archives it."
  type Phase {
    id: String!
    "pending (a reset is preparing it), indexing, or archived"
    status: String!
    "Whether the API answers from this phase when no phase argument is given."
    serving: Boolean!
    network: String!
    "ISO 8601 times of its span."
    createdAt: String!
    servingSince: String
    archivedAt: String
    chains: [PhaseChain!]!
    counts: PhaseCounts!
    "The reset that created it; null for the first phase."
    reset: PhaseReset
  }

  type ResetStep {
    state: String!
    at: String!
    detail: String
  }

  "A reset as journaled: who asked, when, with what, and how it went."
  type PhaseReset {
    phase: String!
    fromPhase: String
    requestedBy: String!
    requestedAt: String!
    network: String!
    switch: String!
    state: String!
    steps: [ResetStep!]!
    switchedAt: String
    completedAt: String
    error: String
  }

  enum SwitchMode {
    "the API serves the new phase at once"
    IMMEDIATE
    "the API keeps serving the archived phase until the new one has caught up"
    WHEN_READY
  }

  input StartBlockInput {
    chainId: Int!
    block: BigInt!
  }

  input ResetPhaseInput {
    "Id of the new phase; also the idempotency key."
    phase: String!
    "A bundled network name or a network file path on the server."
    network: String!
    startBlocks: [StartBlockInput!]
    switch: SwitchMode = IMMEDIATE
  }

  type ResetPhasePayload {
    "False when a reset to this phase existed: nothing new was done."
    created: Boolean!
    reset: PhaseReset!
  }

  extend type Query {
    "Every phase, oldest first, with its block ranges, counts and the reset that made it."
    phases: [Phase!]!
  }

  type Mutation {
    "Starts a new phase (admin: send the X-Admin-Token header)."
    resetPhase(input: ResetPhaseInput!): ResetPhasePayload!
  }
`;

interface ResetPhaseInput {
  phase: string;
  network: string;
  startBlocks?: { chainId: number; block: bigint }[] | null;
  switch: "IMMEDIATE" | "WHEN_READY";
}

const SWITCH_MODE: Record<ResetPhaseInput["switch"], SwitchMode> = {
  IMMEDIATE: "immediate",
  WHEN_READY: "when-ready",
};

function startBlockMap(input: ResetPhaseInput): Map<number, bigint> {
  const map = new Map<number, bigint>();
  for (const { chainId, block } of input.startBlocks ?? []) {
    if (map.has(chainId)) {
      throw new ApiInputError("input.startBlocks", `chain ${chainId} is given twice`);
    }
    map.set(chainId, BigInt(block));
  }
  return map;
}

export const phaseResolvers = {
  Query: {
    phases: (_: unknown, __: unknown, context: ApiContext) =>
      context.phases ? listPhases(context.phases.base.db) : [],
  },
  Phase: {
    network: (phase: PhaseRow) => phase.networkName,
    createdAt: (phase: PhaseRow) => phase.createdAt.toISOString(),
    servingSince: (phase: PhaseRow) => phase.servingSince?.toISOString() ?? null,
    archivedAt: (phase: PhaseRow) => phase.archivedAt?.toISOString() ?? null,
    chains: async (phase: PhaseRow, _: unknown, context: ApiContext) =>
      (await summaryOf(phase, context)).chains,
    counts: (phase: PhaseRow, _: unknown, context: ApiContext) => summaryOf(phase, context),
    reset: (phase: PhaseRow, _: unknown, context: ApiContext) =>
      context.phases ? readReset(context.phases.base.db, phase.id) : null,
  },
  PhaseReset: {
    phase: (reset: PhaseResetRow) => reset.phaseId,
    requestedAt: (reset: PhaseResetRow) => reset.requestedAt.toISOString(),
    network: (reset: PhaseResetRow) => reset.options.network,
    switch: (reset: PhaseResetRow) => reset.options.switch,
    switchedAt: (reset: PhaseResetRow) => reset.switchedAt?.toISOString() ?? null,
    completedAt: (reset: PhaseResetRow) => reset.completedAt?.toISOString() ?? null,
  },
  Mutation: {
    resetPhase: async (_: unknown, args: { input: ResetPhaseInput }, context: ApiContext) => {
      const { admin, request } = context;
      if (!admin || admin.tokens.length === 0) {
        throw new UnauthenticatedError(
          "admin actions are disabled: the server has no ADMIN_TOKENS",
        );
      }
      const name = request ? adminTokenName(request, admin.tokens, { bearer: false }) : undefined;
      if (!name)
        throw new UnauthenticatedError("a valid admin token is required (X-Admin-Token header)");
      return performReset(admin.reset, {
        phase: args.input.phase,
        network: args.input.network,
        startBlocks: startBlockMap(args.input),
        switch: SWITCH_MODE[args.input.switch],
        requestedBy: name,
      });
    },
  },
};

/** A phase's summary, read once per request whichever of its fields ask. */
function summaryOf(phase: PhaseRow, context: ApiContext) {
  const cache = summaries.get(context) ?? new Map();
  summaries.set(context, cache);
  let summary = cache.get(phase.id);
  if (!summary) {
    const phases = context.phases;
    if (!phases) throw new Error("phases are not available");
    summary = phases.databaseOf(phase).then((database) => summarizePhase(database.db));
    cache.set(phase.id, summary);
  }
  return summary;
}

const summaries = new WeakMap<ApiContext, Map<string, ReturnType<typeof summarizePhase>>>();
