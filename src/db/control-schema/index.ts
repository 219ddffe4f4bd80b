/**
 * The control schema `cortensor`: what the index as a whole is doing, shared by every phase.
 * Its tables are schema-qualified, so they are found whatever a connection's search_path; the
 * domain tables (src/db/schema) are not, so a connection's search_path picks the phase it reads.
 * drizzle-kit generates `drizzle/control/` from this module (drizzle.control.config.ts).
 */
export * from "./phases.ts";
export * from "./sync-store.ts";
