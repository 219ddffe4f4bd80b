import { bigint, numeric } from "drizzle-orm/pg-core";

/** uint256 as numeric(78,0), read as a decimal string. */
export const uint256 = (name: string) => numeric(name, { precision: 78, scale: 0 });
export const blockNumber = (name: string) => bigint(name, { mode: "bigint" });
/** Unix seconds. */
export const unixTime = (name: string) => bigint(name, { mode: "bigint" });
