import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import type { ColumnType } from "../../src/export/columns.ts";
import { type ExportMetadata, PARQUET_METADATA_KEY } from "../../src/export/export-metadata.ts";
import type { ExportFormat } from "../../src/export/export-request.ts";

/**
 * A row as the API answers it: int32 as numbers, every other integer (uint256, int64, unix
 * seconds) as a decimal string, JSON columns parsed, nulls as null.
 */
export type CanonicalRow = Record<string, unknown>;

/** A CSV field's value in canonical form; `null` is an unquoted empty field. */
function fromCsv(value: string | null, type: ColumnType): unknown {
  if (value === null) return null;
  switch (type) {
    case "int32":
      return Number(value);
    case "boolean":
      return value === "true";
    case "json":
      return JSON.parse(value);
    default:
      return value;
  }
}

/** A value hyparquet read in canonical form. */
function fromParquet(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === "timestamp") return String((value as Date).getTime() / 1000);
  if (typeof value === "bigint") return value.toString();
  return value;
}

function parseCsv(text: string, metadata: ExportMetadata): CanonicalRow[] {
  const records: Record<string, string | null>[] = parse(text, {
    columns: true,
    // An unquoted empty field is a null; `""` is an empty string.
    cast: (value, context) => (value === "" && !context.quoting ? null : value),
  });
  return records.map((record) =>
    Object.fromEntries(
      metadata.columns.map(({ name, type }) => [name, fromCsv(record[name] ?? null, type)]),
    ),
  );
}

/** The metadata a Parquet file carries under `cortensor.export`. */
export function parquetExportMetadata(bytes: ArrayBuffer): ExportMetadata {
  const entry = parquetMetadata(bytes).key_value_metadata?.find(
    (item) => item.key === PARQUET_METADATA_KEY,
  );
  if (!entry?.value) throw new Error("no export metadata in the Parquet file");
  return JSON.parse(entry.value) as ExportMetadata;
}

/** Parses an export's bytes back (csv-parse, JSON.parse, hyparquet) into canonical rows. */
export async function parseExport(
  bytes: Buffer,
  format: ExportFormat,
  sidecar?: ExportMetadata,
): Promise<{ rows: CanonicalRow[]; metadata: ExportMetadata }> {
  if (format === "parquet") {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const metadata = parquetExportMetadata(buffer as ArrayBuffer);
    const objects = await parquetReadObjects({ file: buffer as ArrayBuffer });
    const rows = objects.map((object) =>
      Object.fromEntries(
        metadata.columns.map(({ name, type }) => [name, fromParquet(object[name], type)]),
      ),
    );
    return { rows, metadata };
  }
  if (!sidecar) throw new Error(`a ${format} export needs its metadata`);
  const text = bytes.toString("utf8");
  const rows =
    format === "csv"
      ? parseCsv(text, sidecar)
      : text
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as CanonicalRow);
  return { rows, metadata: sidecar };
}

/** Reads an export file (and its `.meta.json` sidecar for CSV and NDJSON). */
export async function readExportFile(path: string, format: ExportFormat) {
  const sidecar =
    format === "parquet"
      ? undefined
      : (JSON.parse(await readFile(`${path}.meta.json`, "utf8")) as ExportMetadata);
  return parseExport(await readFile(path), format, sidecar);
}
