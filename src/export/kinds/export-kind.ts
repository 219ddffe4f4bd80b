import type { SQL } from "drizzle-orm";
import type { ExportColumn } from "../columns.ts";

/** The filters of an export request, by their parameter name (HTTP query and CLI flags). */
export const FILTER_NAMES = [
  "chain",
  "network",
  "fromBlock",
  "toBlock",
  "from",
  "to",
  "session",
  "owner",
  "miner",
  "status",
] as const;

export type FilterName = (typeof FILTER_NAMES)[number];

/** Filters that narrow every kind: chains, a network and a block or time range. */
export const COMMON_FILTERS: readonly FilterName[] = [
  "chain",
  "network",
  "fromBlock",
  "toBlock",
  "from",
  "to",
];

/** Filters on chain and session that the kind's child tables share with it and can apply early. */
export interface KeyFilters {
  chainIds?: readonly number[];
  sessionIds?: readonly string[];
}

/**
 * One kind of export: its columns, where its rows come from, and which columns the filters test.
 * Rows are ordered by the kind's key, so an export is deterministic and pages never overlap.
 */
export interface ExportKind {
  name: string;
  /** Filters this kind takes besides none; any other is a 400 naming the parameter. */
  filters: readonly FilterName[];
  /** Values `status` takes, when the kind has one. */
  statuses?: readonly string[];
  /** What `status`, the ranges and `miner` mean for this kind, for error messages and docs. */
  meaning: { status?: string; range: string; miner?: string };
  columns: readonly ExportColumn[];
  /** FROM clause: the kind's table as `alias` and what it joins; chain/session filters passed down. */
  from(keys: KeyFilters): SQL;
  /** FROM clause for counting rows: the kind's table only, plus what filters need. */
  countFrom: SQL;
  orderBy: SQL;
  /** Columns the filters compare, by filter. */
  filterColumns: {
    chain: SQL;
    block: SQL;
    time: SQL;
    session?: SQL;
    owner?: SQL;
    status?: SQL;
    /** The condition "miner `address` took part". */
    miner?: (address: string) => SQL;
  };
}
