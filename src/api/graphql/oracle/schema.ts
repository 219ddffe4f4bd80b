import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { taskAssignments } from "../../../db/schema/index.ts";
import { timeWindowArgs } from "../aggregates/arguments.ts";
import type { ApiContext } from "../context.ts";
import { type FieldKind, fieldKinds } from "../field-kinds.ts";
import { resolveAsOfBlock } from "./as-of.ts";
import { oracleSignals } from "./signals.ts";

/** Fields both oracle answers share. */
const signalFieldsSdl = /* GraphQL */ `
    chainId: Int!
    "Facts recorded after this block are ignored."
    atBlock: BigInt!
    "The latest recorded block at or below atBlock: the block the answer reflects."
    block: BlockRef
    "Unix seconds; assignments assigned in [from, to) are covered."
    from: BigInt!
    to: BigInt!
    "Assignments covered."
    assignments: Int!
    "Covered assignments whose task had ended by atBlock."
    ended: Int!
    pending: Int!
    "Ended assignments the miner committed and was kept in the final list."
    succeeded: Int!
    "Ended assignments committed but left out of the final list."
    dropped: Int!
    "succeeded / ended, rounded to 6 decimals; null when none ended."
    successRatio: Float
    missedDeadlines: MissedDeadlines!
    latency: PhaseLatencies!
    replicas: ReplicaDisagreement!
`;

/** SDL of the oracle queries: signals as of a block, identical however far indexing has gone. */
export const oracleTypeDefs = /* GraphQL */ `
  "Ended assignments by the first phase the miner missed."
  type MissedDeadlines {
    ack: Int!
    precommit: Int!
    commit: Int!
  }

  "Latency of each miner phase reached by atBlock, in seconds, rounded to 6 decimals."
  type PhaseLatencies {
    ack: LatencyStats!
    precommit: LatencyStats!
    commit: LatencyStats!
  }

  "Commits of ended tasks against their session's redundancy, both as of atBlock."
  type ReplicaDisagreement {
    "Covered tasks ended by atBlock whose session redundancy was known."
    tasksEvaluated: Int!
    "Of those, tasks with fewer commits than the redundancy."
    tasksUnderReplicated: Int!
    "Mean of redundancy − commits over the under-replicated tasks; null when there are none."
    averageShortfall: Float
  }

  "A miner's signals as of a block."
  type OracleNodeSignals {
    address: String!
    ${signalFieldsSdl}
  }

  "A session's signals as of a block."
  type OracleSessionSignals {
    sessionId: BigInt!
    ${signalFieldsSdl}
  }

  extend type Query {
    "A miner's assignments in [from, to) as of atBlock (default: the last indexed final block)."
    oracleNodeSignals(chainId: Int!, address: String!, from: BigInt!, to: BigInt!, atBlock: BigInt): OracleNodeSignals!
    "A session's assignments in [from, to) as of atBlock (default: the last indexed final block)."
    oracleSessionSignals(chainId: Int!, sessionId: BigInt!, from: BigInt!, to: BigInt!, atBlock: BigInt): OracleSessionSignals!
  }
`;

/**
 * Resolver of one oracle query: the scope is the chain's assignments whose `column` holds the
 * `keyName` argument (read as a `kind` value).
 */
function signalsResolver(keyName: string, kind: FieldKind, column: PgColumn) {
  return async (_: unknown, args: Record<string, unknown>, context: ApiContext) => {
    const chainId = args.chainId as number;
    const key = fieldKinds[kind].toColumnValue(args[keyName], keyName);
    const window = timeWindowArgs({ from: args.from, to: args.to });
    const asOf = await resolveAsOfBlock(context.db, chainId, args.atBlock);
    const scope = and(eq(taskAssignments.chainId, chainId), eq(column, key)) as SQL;
    const signals = await oracleSignals(context.db, scope, window, asOf.atBlock);
    return { chainId, [keyName]: key, ...window, ...asOf, ...signals };
  };
}

/** Resolvers of the oracle queries. */
export const oracleResolvers = {
  Query: {
    oracleNodeSignals: signalsResolver("address", "address", taskAssignments.miner),
    oracleSessionSignals: signalsResolver("sessionId", "uint256", taskAssignments.sessionId),
  },
};
