/**
 * The Postgres schema. drizzle-kit generates `drizzle/` migrations from these modules.
 *
 * Conventions:
 * - uint256 values are `numeric(78, 0)`, read as decimal strings: nothing loses precision.
 * - block numbers and unix timestamps are `bigint` (mode "bigint").
 * - addresses and hashes are lowercase 0x-hex text.
 */
export * from "./assignments.ts";
export * from "./cognitive.ts";
export * from "./core.ts";
export * from "./counters.ts";
export * from "./nodes.ts";
export * from "./registry.ts";
export * from "./reorg.ts";
export * from "./task-histories.ts";
export * from "./validations.ts";
