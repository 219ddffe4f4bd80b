import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, open, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ExportRequestError } from "./errors.ts";
import type { ExportMetadata } from "./export-metadata.ts";
import type { ExportRequest } from "./export-request.ts";
import { type ExportDependencies, type OpenedExport, openExport } from "./open-export.ts";

/** Progress of a file export, reported after each chunk written. */
export interface ExportProgress {
  rows: number;
  /** Rows the export will have; undefined unless counted. */
  totalRows: number | undefined;
  elapsedMs: number;
}

export interface WriteExportFileOptions {
  onProgress?: (progress: ExportProgress) => void;
  /** Count the rows first, for progress with an ETA (one more scan, in the same snapshot). */
  countRows?: boolean;
}

/** The sidecar file holding a CSV or NDJSON export's metadata. */
export const metadataSidecarPath = (out: string) => `${out}.meta.json`;

/** A name next to `path`, in the same directory so renaming it over `path` is atomic. */
const temporaryPath = (path: string) =>
  join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.partial`);

/** Fails before any work when the file cannot be written where asked. */
async function checkWritable(out: string): Promise<void> {
  const directory = dirname(out);
  try {
    if (!(await stat(directory)).isDirectory()) throw new Error("not a directory");
    await access(directory, constants.W_OK);
  } catch {
    throw new ExportRequestError(
      "out",
      `cannot write into ${directory}: no such writable directory`,
    );
  }
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = temporaryPath(path);
  await writeFile(temporary, content);
  await rename(temporary, path);
}

/**
 * Writes every chunk to `path`, each write overlapping the fetch and encoding of the next chunk
 * but awaited before the one after: at most two chunks are in memory, however large the export.
 */
async function writeChunks(
  opened: OpenedExport,
  path: string,
  onProgress: WriteExportFileOptions["onProgress"],
): Promise<void> {
  const started = performance.now();
  const report = () =>
    onProgress?.({
      rows: opened.rowsWritten,
      totalRows: opened.totalRows,
      elapsedMs: performance.now() - started,
    });
  const file = await open(path, "w");
  let writing: Promise<unknown> = Promise.resolve();
  try {
    report();
    for await (const chunk of opened.chunks()) {
      await writing;
      writing = typeof chunk === "string" ? file.write(chunk) : file.write(chunk);
      report();
    }
    await writing;
  } finally {
    await writing.catch(() => {});
    await file.close();
  }
}

/**
 * Writes an export to `out`: streamed into a temporary file beside it, renamed to `out` only once
 * complete, so `out` is never a truncated file that looks whole. CSV and NDJSON get their metadata
 * in `<out>.meta.json`; Parquet carries it inside. Returns the final metadata.
 *
 * @throws ExportRequestError (before any work) when `out`'s directory is not writable.
 */
export async function writeExportFile(
  request: ExportRequest,
  out: string,
  dependencies: ExportDependencies,
  options: WriteExportFileOptions = {},
): Promise<ExportMetadata> {
  const path = resolve(out);
  await checkWritable(path);
  const opened = await openExport(request, dependencies, { countRows: options.countRows });
  const temporary = temporaryPath(path);
  try {
    await writeChunks(opened, temporary, options.onProgress);
    const metadata = opened.completed;
    if (!metadata) throw new Error("the export ended without its last chunk");
    if (opened.format.sidecarMetadata) {
      await writeAtomically(metadataSidecarPath(path), `${JSON.stringify(metadata, null, 2)}\n`);
    }
    await rename(temporary, path);
    return metadata;
  } catch (error) {
    await opened.close();
    await rm(temporary, { force: true });
    throw error;
  }
}
