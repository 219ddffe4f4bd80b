import type { Readable } from "node:stream";
import type { CopyFormat } from "./formats/copy-format.ts";
import type { RowChunk, RowSource } from "./row-source.ts";
import type { SnapshotSession } from "./snapshot-session.ts";

/** Rows are gathered into buffers of this size: few writes, little memory. */
const CHUNK_BYTES = 256 * 1024;
const CR = 0x0d;
const LF = 0x0a;

/** Copies rows (each one CopyData message, ending with LF) into chunks, rewriting row ends. */
class RowChunkBuilder {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private rows = 0;
  private headerLeft: number;
  private readonly extra: number;

  constructor(format: CopyFormat) {
    this.headerLeft = format.headerRows;
    this.extra = format.rowEnd === "crlf" ? 1 : 0;
  }

  /** Adds a row; pushes the chunks it completes (one, or two for a row larger than a chunk). */
  add(row: Buffer, completed: RowChunk[]): void {
    const size = row.length + this.extra;
    if (this.used + size > this.buffer.length) this.flush(completed);
    let counted = 1;
    if (this.headerLeft > 0) {
      this.headerLeft--;
      counted = 0;
    }
    if (size > this.buffer.length) {
      completed.push({ chunk: this.withRowEnd(row, Buffer.allocUnsafe(size), 0), rows: counted });
      return;
    }
    this.withRowEnd(row, this.buffer, this.used);
    this.used += size;
    this.rows += counted;
  }

  flush(completed: RowChunk[]): void {
    if (this.used === 0) return;
    completed.push({ chunk: this.buffer.subarray(0, this.used), rows: this.rows });
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.rows = 0;
  }

  /** Writes `row` at `at` in `target` with the format's row end; returns `target`. */
  private withRowEnd(row: Buffer, target: Buffer, at: number): Buffer {
    if (this.extra === 0) {
      row.copy(target, at);
      return target;
    }
    const body = row[row.length - 1] === LF ? row.length - 1 : row.length;
    row.copy(target, at, 0, body);
    target[at + body] = CR;
    target[at + body + 1] = LF;
    return target;
  }
}

/**
 * The rows of `COPY … TO STDOUT` in the format's bytes, in chunks of about CHUNK_BYTES. Rows are
 * taken one message at a time ('data' events) as fast as chunks are: while a chunk waits to be
 * taken the stream is paused, its socket stops reading and Postgres waits. Abandoning the
 * generator leaves the COPY to the session's close, which cuts it off.
 */
export function copyRowSource(
  session: Required<Pick<SnapshotSession, "copyOut">>,
  statement: string,
  format: CopyFormat,
): RowSource {
  return {
    async *chunks() {
      const stream: Readable = await session.copyOut(statement);
      const builder = new RowChunkBuilder(format);
      const ready: RowChunk[] = [];
      let ended = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const onData = (row: Buffer) => {
        builder.add(row, ready);
        if (ready.length > 0) {
          stream.pause();
          wake?.();
        }
      };
      const onEnd = () => {
        builder.flush(ready);
        ended = true;
        wake?.();
      };
      const onError = (error: unknown) => {
        failure = error;
        wake?.();
      };
      stream.on("data", onData).once("end", onEnd).once("error", onError);
      try {
        while (true) {
          const next = ready.shift();
          if (next) {
            yield next;
            continue;
          }
          if (failure !== undefined) throw failure;
          if (ended) return;
          const woken = new Promise<void>((resolve) => {
            wake = resolve;
          });
          stream.resume();
          await woken;
          wake = undefined;
        }
      } finally {
        stream.off("data", onData).off("end", onEnd).off("error", onError);
        stream.pause();
      }
    },
    trailer: () => undefined,
  };
}
