import { sql } from "drizzle-orm";
import { nodes } from "../../db/schema/index.ts";
import { tableColumns } from "../columns.ts";
import { typedValue } from "../sql-conditions.ts";
import { COMMON_FILTERS, type ExportKind } from "./export-kind.ts";

/** NodePool states a node can be in (see projection/handlers/node-handlers.ts). */
const POOL_STATES = ["ADDED", "EPHEMERAL", "RESERVED", "RELEASED", "REMOVED", "RESET"] as const;

/** Miners (the `nodes` table): pool state, level, version, task counters and latency sums. */
export const minersExport: ExportKind = {
  name: "miners",
  filters: [...COMMON_FILTERS, "miner", "status"],
  statuses: POOL_STATES,
  meaning: {
    status: "the miner's pool state",
    range: "the miner was last seen within it",
    miner: "the miner's address",
  },
  columns: tableColumns(nodes, "n"),
  from: () => sql.raw("nodes n"),
  countFrom: sql.raw("nodes n"),
  orderBy: sql.raw("n.chain_id, n.address"),
  filterColumns: {
    chain: sql.raw("n.chain_id"),
    block: sql.raw("n.last_seen_block"),
    time: sql.raw("n.last_seen_at"),
    status: sql.raw("n.pool_state"),
    miner: (address) => sql`n.address = ${typedValue(address, "text")}`,
  },
};
