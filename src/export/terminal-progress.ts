import { Presets, SingleBar } from "cli-progress";

/** Progress of a running export as a terminal shows it. */
export interface ProgressUpdate {
  rows: number;
  totalRows: number | null | undefined;
  elapsedMs: number;
}

export interface TerminalProgress {
  update(progress: ProgressUpdate): void;
  stop(): void;
}

/**
 * A progress bar on `stream` (rows, rows/s, ETA) when it is a terminal; nothing otherwise, so
 * scripts and logs get no control characters.
 */
export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
): TerminalProgress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new SingleBar(
    {
      stream,
      format: "{bar} {percentage}% | {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}",
      etaBuffer: 20,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update({ rows, totalRows, elapsedMs }) {
      const speed = elapsedMs > 0 ? Math.round((rows * 1000) / elapsedMs) : 0;
      if (!started) {
        bar.start(totalRows ?? 0, rows, { speed });
        started = true;
      }
      if (totalRows !== null && totalRows !== undefined) bar.setTotal(totalRows);
      bar.update(rows, { speed });
    },
    stop: () => bar.stop(),
  };
}
