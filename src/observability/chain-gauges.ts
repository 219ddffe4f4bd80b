import type { Registry } from "prom-client";
import type { Database } from "../db/client.ts";
import { type ChainCheckpointRow, chainCheckpoints } from "../db/schema/index.ts";
import { registerSnapshotGauges } from "./snapshot-gauges.ts";

interface ChainSnapshot {
  rows: ChainCheckpointRow[];
  /** Unix seconds of the scrape. */
  now: number;
}

const byChain = (row: ChainCheckpointRow) => ({ chain_id: String(row.chainId) });

/**
 * Per-chain gauges read from `chain_checkpoints` at scrape time (one query per scrape), so any
 * process (an API replica included) reports every chain, whoever indexed it.
 */
export function registerChainGauges(registry: Registry, tables: () => Promise<Database>): void {
  const read = async (): Promise<ChainSnapshot> => ({
    rows: await (await tables()).select().from(chainCheckpoints),
    now: Date.now() / 1000,
  });
  registerSnapshotGauges(registry, read, [
    {
      name: "cortensor_chains",
      help: "Chains with a checkpoint",
      labelNames: [],
      fill: (gauge, { rows }) => gauge.set(rows.length),
    },
    {
      name: "cortensor_chain_head_block",
      help: "Latest chain head seen by the sync",
      labelNames: ["chain_id"],
      fill: (gauge, { rows }) => {
        for (const row of rows) {
          if (row.headBlock !== null) gauge.set(byChain(row), Number(row.headBlock));
        }
      },
    },
    {
      name: "cortensor_chain_indexed_block",
      help: "Last fully indexed block",
      labelNames: ["chain_id"],
      fill: (gauge, { rows }) => {
        for (const row of rows) gauge.set(byChain(row), Number(row.lastIndexedBlock));
      },
    },
    {
      name: "cortensor_chain_lag_blocks",
      help: "Head minus the last indexed block",
      labelNames: ["chain_id"],
      fill: (gauge, { rows }) => {
        for (const row of rows) {
          if (row.headBlock === null) continue;
          gauge.set(byChain(row), Math.max(0, Number(row.headBlock - row.lastIndexedBlock)));
        }
      },
    },
    {
      name: "cortensor_chain_lag_seconds",
      help: "Wall-clock seconds since the last indexed block's timestamp",
      labelNames: ["chain_id"],
      fill: (gauge, { rows, now }) => {
        for (const row of rows) {
          if (row.lastIndexedTimestamp === null) continue;
          gauge.set(byChain(row), Math.max(0, now - Number(row.lastIndexedTimestamp)));
        }
      },
    },
    {
      name: "cortensor_chain_has_error",
      help: "1 while the chain's last sync round failed",
      labelNames: ["chain_id"],
      fill: (gauge, { rows }) => {
        for (const row of rows) gauge.set(byChain(row), row.lastError ? 1 : 0);
      },
    },
  ]);
}
