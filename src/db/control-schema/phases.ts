import { sql } from "drizzle-orm";
import {
  boolean,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const controlSchema = pgSchema("cortensor");

export const PHASE_STATUSES = ["pending", "indexing", "archived"] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];

/**
 * One row per index phase (e.g. Testnet Phase #3, Phase #4). Each phase's domain tables live in
 * their own Postgres schema (`schema_name`); archiving a phase only flips its status, so its rows
 * stay where they are and switching costs the same whatever their number.
 *
 * Invariants (enforced by the partial unique indexes): at most one phase is `indexing` (the one
 * workers write to) and at most one is `serving` (the one the API answers from by default).
 * A phase is `pending` only between a reset's preparation and its cut-over.
 */
export const phases = controlSchema.table(
  "phases",
  {
    id: text("id").primaryKey(),
    /** Creation order. */
    seq: integer("seq").notNull().unique(),
    schemaName: text("schema_name").notNull().unique(),
    status: text("status").$type<PhaseStatus>().notNull(),
    serving: boolean("serving").notNull().default(false),
    networkName: text("network_name").notNull(),
    /** Where the network file came from, for operators; the file itself is `network_file`. */
    networkSource: text("network_source").notNull(),
    /** The validated network file, so any worker can follow the phase without that file. */
    networkFile: jsonb("network_file").notNull(),
    /** Start-block overrides by chain id (decimal strings), on top of the file's. */
    startBlocks: jsonb("start_blocks").$type<Record<string, string>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    servingSince: timestamp("serving_since", { withTimezone: true }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("phases_one_indexing").on(table.status).where(sql`status = 'indexing'`),
    uniqueIndex("phases_one_serving").on(table.serving).where(sql`serving`),
  ],
);

export const RESET_STATES = [
  "requested",
  "paused",
  "prepared",
  "cut-over",
  "completed",
  "failed",
] as const;
export type ResetState = (typeof RESET_STATES)[number];

export type SwitchMode = "immediate" | "when-ready";

/** What an operator asked for, as recorded in the journal (the network itself is on the phase). */
export interface ResetOptions {
  /** `--network` as given: a bundled name or a path. */
  network: string;
  startBlocks: Record<string, string>;
  switch: SwitchMode;
}

/** One step of a reset as it happened: the journal's audit trail. */
export interface ResetStep {
  state: ResetState;
  at: string;
  detail?: string;
}

/**
 * The reset journal: one row per reset, keyed by the phase it creates, so the phase id is the
 * idempotency key. The row is the state machine's state; every transition is appended to `steps`.
 * A reset that is neither `completed` nor `failed` is resumed by the next process that starts.
 */
export const phaseResets = controlSchema.table("phase_resets", {
  phaseId: text("phase_id").primaryKey(),
  fromPhase: text("from_phase"),
  /** Name of the admin token that asked for it. */
  requestedBy: text("requested_by").notNull(),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
  options: jsonb("options").$type<ResetOptions>().notNull(),
  state: text("state").$type<ResetState>().notNull(),
  steps: jsonb("steps").$type<ResetStep[]>().notNull(),
  /** When the API started serving the new phase (at cut-over, or once caught up). */
  switchedAt: timestamp("switched_at", { withTimezone: true }),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  error: text("error"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PhaseRow = typeof phases.$inferSelect;
export type PhaseResetRow = typeof phaseResets.$inferSelect;
