/**
 * The Postgres schema. drizzle-kit generates `drizzle/` migrations from these modules.
 *
 * Conventions:
 * - uint256 values are `numeric(78, 0)`, read as decimal strings: nothing loses precision.
 * - block numbers and unix timestamps are `bigint` (mode "bigint").
 * - addresses and hashes are lowercase 0x-hex text.
 */
export * from "./core.ts";
