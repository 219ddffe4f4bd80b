import type { Readable } from "node:stream";
import type { ExportColumn } from "./columns.ts";
import type { CopyFormat, RowBytesSink } from "./formats/copy-format.ts";
import type { RowChunk, RowSource } from "./row-source.ts";
import type { SnapshotSession } from "./snapshot-session.ts";

/** Rows are gathered into buffers of this size: few writes, little memory. */
const CHUNK_BYTES = 256 * 1024;

/** Chunks of about CHUNK_BYTES that rows are written into; a larger row gets one of its own. */
class ChunkBuilder implements RowBytesSink {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private rows = 0;

  constructor(private readonly completed: RowChunk[]) {}

  reserve(bytes: number): { buffer: Buffer; at: number } {
    if (this.used + bytes > this.buffer.length) {
      this.flush();
      if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
    }
    return { buffer: this.buffer, at: this.used };
  }

  commit(bytes: number, rows: number): void {
    this.used += bytes;
    this.rows += rows;
  }

  /** Passes on what was written; the next rows go into a new buffer. */
  flush(): void {
    if (this.used === 0) return;
    this.completed.push({ chunk: this.buffer.subarray(0, this.used), rows: this.rows });
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.rows = 0;
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
  columns: readonly ExportColumn[],
): RowSource {
  return {
    async *chunks() {
      const stream: Readable = await session.copyOut(statement);
      const ready: RowChunk[] = [];
      const builder = new ChunkBuilder(ready);
      const write = format.createWriter(columns);
      let ended = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const onData = (message: Buffer) => {
        try {
          write(message, builder);
        } catch (error) {
          onError(error);
          return;
        }
        if (ready.length > 0) {
          stream.pause();
          wake?.();
        }
      };
      const onEnd = () => {
        builder.flush();
        ended = true;
        wake?.();
      };
      const onError = (error: unknown) => {
        failure = error;
        stream.pause();
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
