import { sql } from "drizzle-orm";
import { events } from "../../db/schema/index.ts";
import { tableColumns } from "../columns.ts";
import { COMMON_FILTERS, type ExportKind } from "./export-kind.ts";

/** Every stored log, decoded or raw: topics, data and the decoded arguments. */
export const eventsExport: ExportKind = {
  name: "events",
  filters: COMMON_FILTERS,
  meaning: { range: "the event's block or block time is within it" },
  columns: tableColumns(events, "e"),
  from: () => sql.raw("events e"),
  countFrom: sql.raw("events e"),
  orderBy: sql.raw("e.chain_id, e.block_number, e.log_index"),
  filterColumns: {
    chain: sql.raw("e.chain_id"),
    block: sql.raw("e.block_number"),
    time: sql.raw("e.block_timestamp"),
  },
};
