import type { RowEncoder } from "./formats/row-encoder.ts";
import type { RowSource } from "./row-source.ts";
import type { SnapshotSession } from "./snapshot-session.ts";

/**
 * Rows read from the declared cursor `export_rows`, `batchSize` at a time, the next batch
 * fetched while this one is encoded so Postgres and Node work in parallel.
 */
export function cursorRowSource(
  session: SnapshotSession,
  encoder: RowEncoder,
  batchSize: number,
): RowSource {
  const fetchBatch = () => session.query(`fetch forward ${batchSize} from export_rows`);
  return {
    async *chunks() {
      let next: Promise<unknown[][]> | undefined = fetchBatch();
      try {
        const header = encoder.begin();
        if (header !== undefined) yield { chunk: header, rows: 0 };
        while (next) {
          const rows: unknown[][] = await next;
          next = rows.length === batchSize ? fetchBatch() : undefined;
          if (rows.length === 0) continue;
          yield { chunk: encoder.encode(rows), rows: rows.length };
        }
      } finally {
        // A fetch in flight settles before the session ends.
        await next?.catch(() => {});
      }
    },
    trailer: (metadata) => encoder.end(metadata),
  };
}
