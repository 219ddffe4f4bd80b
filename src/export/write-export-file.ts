import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, open, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ExportOutputError, ExportRequestError, OutputClosedError } from "./errors.ts";
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

/** This process's standard output, by the names a shell gives it. */
const STANDARD_OUTPUT = new Set(["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]);

/**
 * Where an export goes:
 * - `file`, new or regular: written beside `path` and renamed over it;
 * - `stream`, an existing file that is not a regular one (a device such as /dev/null, a named
 *   pipe): written in place, since renaming a file over it would replace the device or the pipe
 *   itself, and a sidecar beside it has no place;
 * - `stdout` (`-`, /dev/stdout): written to this process's standard output, which may be a
 *   socket that cannot be opened by name.
 */
export interface ExportTarget {
  kind: "file" | "stream" | "stdout";
  /** For an existing file, where its links lead: the rename replaces the file, not a link to it. */
  path: string;
}

/**
 * Where `out` is written, once it is known to be writable: fails before any work otherwise, and
 * when `out` is a directory.
 */
export async function checkExportTarget(out: string): Promise<ExportTarget> {
  if (STANDARD_OUTPUT.has(out)) return { kind: "stdout", path: out };
  const resolved = resolve(out);
  const existing = await stat(resolved).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new ExportRequestError("out", `${resolved} is a directory, not a file to write`);
  }
  if (existing && !existing.isFile()) {
    try {
      await access(resolved, constants.W_OK);
    } catch {
      throw new ExportRequestError("out", `cannot write to ${resolved}: not writable`);
    }
    return { kind: "stream", path: resolved };
  }
  const path = existing ? await realpath(resolved) : resolved;
  const directory = dirname(path);
  try {
    if (!(await stat(directory)).isDirectory()) throw new Error("not a directory");
    await access(directory, constants.W_OK);
  } catch {
    throw new ExportRequestError(
      "out",
      `cannot write into ${directory}: no such writable directory`,
    );
  }
  return { kind: "file", path };
}

/** Where the chunks are written: a file opened by name, or standard output. */
interface ChunkSink {
  write(chunk: string | Uint8Array): Promise<unknown>;
  close(): Promise<void>;
}

/** `path` opened for writing; a failed write is reported as one to `out`, the name the user gave. */
async function openFileSink(path: string, out: string): Promise<ChunkSink> {
  const file = await open(path, "w");
  const failed = (error: unknown) => Promise.reject(new ExportOutputError(out, error));
  return {
    write: (chunk) =>
      (typeof chunk === "string" ? file.write(chunk) : file.write(chunk)).catch(failed),
    close: () => file.close(),
  };
}

/**
 * Standard output, each write resolved once flushed (a pipe's reader sets the pace). A reader
 * that closes the pipe (EPIPE) fails the writes with OutputClosedError; the stream's own error
 * event, which would otherwise crash the process, is taken here.
 */
function standardOutputSink(): ChunkSink {
  let closedByReader = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") closedByReader = true;
  };
  process.stdout.on("error", onError);
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (closedByReader) return reject(new OutputClosedError());
        process.stdout.write(chunk, (error) => {
          if (!error) return resolve();
          const code = (error as NodeJS.ErrnoException).code;
          reject(
            code === "EPIPE" || closedByReader
              ? new OutputClosedError()
              : new ExportOutputError("standard output", error),
          );
        });
      }),
    // The listener stays: a failed write's error event may come after the export has ended.
    close: async () => {},
  };
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = temporaryPath(path);
  await writeFile(temporary, content);
  await rename(temporary, path);
}

function completedMetadata(opened: OpenedExport): ExportMetadata {
  if (!opened.completed) throw new Error("the export ended without its last chunk");
  return opened.completed;
}

/**
 * Writes every chunk to `path`, each write overlapping the fetch and encoding of the next chunk
 * but awaited before the one after: at most two chunks are in memory, however large the export.
 */
async function writeChunks(
  opened: OpenedExport,
  sink: ChunkSink,
  onProgress: WriteExportFileOptions["onProgress"],
): Promise<void> {
  const started = performance.now();
  const report = () =>
    onProgress?.({
      rows: opened.rowsWritten,
      totalRows: opened.totalRows,
      elapsedMs: performance.now() - started,
    });
  // A write's failure is held as a value until the loop comes back for it: left as a rejected
  // promise while the next chunk is fetched, it would be an unhandled rejection, which ends the
  // process (a reader closing the pipe, a full disk).
  let writing: Promise<unknown> = Promise.resolve(undefined);
  const throwIfFailed = async () => {
    const failure = await writing;
    if (failure !== undefined) throw failure;
  };
  try {
    report();
    for await (const chunk of opened.chunks()) {
      await throwIfFailed();
      writing = sink.write(chunk).then(
        () => undefined,
        (error: unknown) => error ?? new Error("a write to the export's output failed"),
      );
      report();
    }
    await throwIfFailed();
  } finally {
    await writing;
    await sink.close();
  }
}

/**
 * Writes an export to `out`: streamed into a temporary file beside it, renamed to `out` only once
 * complete, so `out` is never a truncated file that looks whole. CSV and NDJSON get their metadata
 * in `<out>.meta.json`; Parquet carries it inside. Returns the final metadata.
 *
 * Standard output (`-`, /dev/stdout), a device or a pipe is written in place and gets no sidecar:
 * the caller has the metadata from the return value (see ExportTarget).
 *
 * @throws ExportRequestError (before any work) when `out` cannot be written.
 */
export async function writeExportFile(
  request: ExportRequest,
  out: string,
  dependencies: ExportDependencies,
  options: WriteExportFileOptions = {},
): Promise<ExportMetadata> {
  const { kind, path } = await checkExportTarget(out);
  const opened = await openExport(request, dependencies, { countRows: options.countRows });
  if (kind !== "file") {
    try {
      const sink = kind === "stdout" ? standardOutputSink() : await openFileSink(path, out);
      await writeChunks(opened, sink, options.onProgress);
    } catch (error) {
      await opened.close();
      throw error;
    }
    return completedMetadata(opened);
  }
  const temporary = temporaryPath(path);
  try {
    await writeChunks(opened, await openFileSink(temporary, out), options.onProgress);
    const metadata = completedMetadata(opened);
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
