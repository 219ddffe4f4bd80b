import type { SnapshotSession } from "./snapshot-session.ts";

/** How far one chain was indexed in the export's snapshot. */
export interface ChainSnapshot {
  chainId: number;
  network: string;
  /** Every event up to this block is in the export, and nothing above it. */
  lastIndexedBlock: string;
  lastIndexedHash: string | null;
  lastIndexedTimestamp: string | null;
}

/** The one database snapshot an export reflects, stated in its metadata. */
export interface ExportSnapshot {
  /** The phase exported; null for the phase being served. */
  phase: string | null;
  isolation: "REPEATABLE READ";
  /** Start of the snapshot's transaction (database clock, UTC). */
  takenAt: string;
  chains: ChainSnapshot[];
}

/**
 * Reads the chain checkpoints in the session's snapshot. Run first in the transaction: REPEATABLE
 * READ takes the snapshot at its first statement, and the checkpoints are written in the same
 * transactions as the rows, so they state exactly which blocks the export covers.
 */
export async function readExportSnapshot(
  session: SnapshotSession,
  phase: string | undefined,
): Promise<ExportSnapshot> {
  const rows = await session.query(
    `select chain_id, network, last_indexed_block::text, last_indexed_hash,
       last_indexed_timestamp::text,
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
     from (select 1) clock left join chain_checkpoints on true
     order by chain_id`,
  );
  const takenAt = String(rows[0]?.[5]);
  const chains = rows
    .filter((row) => row[0] !== null)
    .map(([chainId, network, block, hash, timestamp]) => ({
      chainId: Number(chainId),
      network: String(network),
      lastIndexedBlock: String(block),
      lastIndexedHash: hash === null ? null : String(hash),
      lastIndexedTimestamp: timestamp === null ? null : String(timestamp),
    }));
  return { phase: phase ?? null, isolation: "REPEATABLE READ", takenAt, chains };
}

/** The snapshot in one header line: `{"phase":null,"takenAt":…,"chains":[{"chainId":…,"block":"…"}]}`. */
export function snapshotHeader(snapshot: ExportSnapshot): string {
  return JSON.stringify({
    phase: snapshot.phase,
    takenAt: snapshot.takenAt,
    chains: snapshot.chains.map((chain) => ({
      chainId: chain.chainId,
      block: chain.lastIndexedBlock,
    })),
  });
}
