/** Below this many bytes a loop beats Buffer#copy, which allocates a view per call. */
const SHORT_COPY = 64;

/**
 * Copies `source[start, end)` into `target` at `at`; returns the position after it. The hot path
 * of COPY exports copies a few short values per column of millions of rows, where Buffer#copy's
 * per-call cost (argument checks, a new Uint8Array) outweighs the bytes moved.
 */
export function copyBytes(
  source: Uint8Array,
  start: number,
  end: number,
  target: Uint8Array,
  at: number,
): number {
  const length = end - start;
  if (length < SHORT_COPY) {
    for (let index = 0; index < length; index++)
      target[at + index] = source[start + index] as number;
  } else {
    target.set(source.subarray(start, end), at);
  }
  return at + length;
}
