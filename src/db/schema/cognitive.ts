import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { blockNumber, phaseColumns, uint256 } from "./column-types.ts";

/**
 * A CognitiveV1 network-task round ("session" in that contract): Request → Create → Prepare →
 * Start → Precommit → Commit → End. `phase` is the furthest phase reached.
 */
export const cognitiveRounds = pgTable(
  "cognitive_rounds",
  {
    chainId: integer("chain_id").notNull(),
    roundId: uint256("round_id").notNull(),
    phase: text("phase").notNull(),
    requestedMiners: jsonb("requested_miners").$type<string[]>(),
    requestAssignee: text("request_assignee"),
    creator: text("creator"),
    prepareAssignee: text("prepare_assignee"),
    preparer: text("preparer"),
    startMiners: jsonb("start_miners").$type<string[]>(),
    startTimestamp: uint256("start_timestamp"),
    precommitCount: integer("precommit_count").notNull().default(0),
    allPrecommittedMiners: jsonb("all_precommitted_miners").$type<string[]>(),
    forceEnded: boolean("force_ended"),
    commitCount: integer("commit_count").notNull().default(0),
    allCommittedMiners: jsonb("all_committed_miners").$type<string[]>(),
    endTimestamp: uint256("end_timestamp"),
    ...phaseColumns(["requested", "started", "ended"]),
    updatedBlock: blockNumber("updated_block").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.roundId] }),
    index("cognitive_rounds_phase_idx").on(table.chainId, table.phase),
  ],
);

/** A miner's precommit and commit in a cognitive round. */
export const cognitiveRoundMiners = pgTable(
  "cognitive_round_miners",
  {
    chainId: integer("chain_id").notNull(),
    roundId: uint256("round_id").notNull(),
    miner: text("miner").notNull(),
    precommittedBlock: blockNumber("precommitted_block"),
    committedBlock: blockNumber("committed_block"),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.roundId, table.miner] })],
);
