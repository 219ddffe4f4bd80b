import { copyRowSource } from "./copy-row-source.ts";
import { copyStatement } from "./copy-statement.ts";
import { cursorRowSource } from "./cursor-row-source.ts";
import { ExportRequestError } from "./errors.ts";
import { describeColumns, type ExportMetadata } from "./export-metadata.ts";
import { countQuery, exportQuery, type ResolvedFilters } from "./export-query.ts";
import { describeFilters, type ExportFilters, type ExportRequest } from "./export-request.ts";
import { type ExportSnapshot, readExportSnapshot } from "./export-snapshot.ts";
import { FILE_FORMATS, type FileFormat } from "./formats/index.ts";
import type { Chunk } from "./formats/row-encoder.ts";
import { EXPORT_KINDS } from "./kinds/index.ts";
import type { PhaseDatabaseResolver } from "./phase-resolver.ts";
import type { RowSource } from "./row-source.ts";
import { beginSnapshotSession, type SnapshotSession } from "./snapshot-session.ts";

/** Rows per FETCH: big enough to amortise the round trip, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 1000;

/** What an export needs from its host (API, CLI, job worker). */
export interface ExportDependencies {
  resolvePhaseDatabase: PhaseDatabaseResolver;
  /** Called with the size of each batch of rows written, e.g. to count exported rows in metrics. */
  onRows?: (rows: number) => void;
  batchSize?: number;
}

/** An export whose snapshot is open and whose query is declared, ready to stream. */
export interface OpenedExport {
  /** Metadata known before the first row: kind, format, filters, columns and snapshot. */
  readonly metadata: ExportMetadata;
  readonly format: FileFormat;
  /** Rows the export will have, when counted at open (`countRows`). */
  readonly totalRows: number | undefined;
  /** Rows encoded so far. */
  readonly rowsWritten: number;
  /** The metadata with the row count, once the last chunk was produced. */
  readonly completed: ExportMetadata | undefined;
  /**
   * The file's bytes. Iterate once; the snapshot ends when the iteration finishes, fails or is
   * abandoned (`return()`, e.g. a `break` or a client that went away).
   */
  chunks(): AsyncGenerator<Chunk>;
  /** Ends the snapshot; for an export that is never iterated. Idempotent. */
  close(): Promise<void>;
}

/** The chain ids `network` stands for, checked against an explicit `chain` filter. */
function resolveNetwork(filters: ExportFilters, snapshot: ExportSnapshot): ResolvedFilters {
  const { network, ...rest } = filters;
  if (network === undefined) return rest;
  const chainsOfNetwork = snapshot.chains
    .filter((chain) => chain.network === network)
    .map((chain) => chain.chainId);
  if (chainsOfNetwork.length === 0) {
    const known = [...new Set(snapshot.chains.map((chain) => chain.network))];
    throw new ExportRequestError(
      "network",
      `no indexed chain belongs to network "${network}"; indexed networks: ${known.join(", ") || "none"}`,
    );
  }
  const outside = rest.chainIds?.find((chainId) => !chainsOfNetwork.includes(chainId));
  if (outside !== undefined) {
    throw new ExportRequestError(
      "chain",
      `chain ${outside} is not in network "${network}", whose chains are ${chainsOfNetwork.join(", ")}`,
    );
  }
  return { ...rest, chainIds: rest.chainIds ?? chainsOfNetwork };
}

async function countRows(
  session: SnapshotSession,
  request: ExportRequest,
  filters: ResolvedFilters,
): Promise<number> {
  const { text, params } = countQuery(EXPORT_KINDS[request.kind], filters);
  const [row] = await session.query(text, params);
  return Number(row?.[0] ?? 0);
}

/**
 * Prepares where the rows come from, in the open snapshot: the COPY the format has when the
 * driver can stream one (its filter values set as settings, see copy-statement.ts), otherwise a
 * cursor whose rows the format's encoder turns into bytes.
 */
async function prepareRowSource(
  session: SnapshotSession,
  request: ExportRequest,
  filters: ResolvedFilters,
  metadata: ExportMetadata,
  batchSize: number,
): Promise<RowSource> {
  const kind = EXPORT_KINDS[request.kind];
  const format = FILE_FORMATS[request.format];
  const { copyOut } = session;
  if (format.copy && copyOut) {
    const query = exportQuery(kind, filters, format.copy.representation);
    const statement = copyStatement(query, format.copy.statement);
    if (statement.settings) await session.query(statement.settings.text, statement.settings.params);
    return copyRowSource({ copyOut }, statement.copy, format.copy, kind.columns);
  }
  const query = exportQuery(kind, filters, format.representation);
  await session.query(`declare export_rows no scroll cursor for ${query.text}`, query.params);
  const encoder = format.createEncoder({ columns: kind.columns, metadata });
  return cursorRowSource(session, encoder, batchSize);
}

/**
 * Opens an export: resolves the phase, begins its snapshot (one REPEATABLE READ transaction),
 * reads the chain checkpoints it reflects, checks the filters against them and prepares the COPY
 * or cursor of its rows. Everything a caller can get wrong fails here, before the first byte.
 *
 * @throws ExportRequestError, UnknownPhaseError for requests that cannot be served.
 */
export async function openExport(
  request: ExportRequest,
  dependencies: ExportDependencies,
  options: { countRows?: boolean } = {},
): Promise<OpenedExport> {
  const database = await dependencies.resolvePhaseDatabase(request.phase);
  const session = await beginSnapshotSession(database);
  const kind = EXPORT_KINDS[request.kind];
  let metadata: ExportMetadata;
  let totalRows: number | undefined;
  let source: RowSource;
  try {
    const snapshot = await readExportSnapshot(session, request.phase);
    const filters = resolveNetwork(request.filters, snapshot);
    metadata = {
      kind: request.kind,
      format: request.format,
      filters: describeFilters(request.filters),
      snapshot,
      columns: describeColumns(kind.columns),
    };
    if (options.countRows) totalRows = await countRows(session, request, filters);
    const batchSize = dependencies.batchSize ?? DEFAULT_BATCH_SIZE;
    source = await prepareRowSource(session, request, filters, metadata, batchSize);
  } catch (error) {
    await session.close();
    throw error;
  }

  let rowsWritten = 0;
  let completed: ExportMetadata | undefined;

  async function* chunks(): AsyncGenerator<Chunk> {
    try {
      for await (const { chunk, rows } of source.chunks()) {
        if (rows > 0) {
          rowsWritten += rows;
          dependencies.onRows?.(rows);
        }
        if (chunk !== undefined) yield chunk;
      }
      completed = { ...metadata, rows: rowsWritten, completedAt: new Date().toISOString() };
      const trailer = source.trailer(completed);
      if (trailer !== undefined) yield trailer;
    } finally {
      await session.close();
    }
  }

  return {
    metadata,
    format: FILE_FORMATS[request.format],
    totalRows,
    get rowsWritten() {
      return rowsWritten;
    },
    get completed() {
      return completed;
    },
    chunks,
    close: () => session.close(),
  };
}
