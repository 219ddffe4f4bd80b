import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Secondary indexes of this schema's tables dropped for its first backfill, each with the
 * definition Postgres gave for it (`pg_indexes.indexdef`) when it was dropped.
 * Invariant: an index is either present or listed here, never neither; a row goes in the
 * transaction that drops its index and out in the one that builds it again
 * (db/deferred-indexes.ts).
 */
export const deferredIndexes = pgTable("deferred_indexes", {
  indexName: text("index_name").primaryKey(),
  definition: text("definition").notNull(),
  deferredAt: timestamp("deferred_at", { withTimezone: true }).notNull().defaultNow(),
});
