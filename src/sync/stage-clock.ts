/**
 * The stages of a projector's batch, in the order they run:
 * - `range`: getting the next blocks: reading them from the sync store (and waiting for the
 *   fetches that fill it), or fetching the blocks above the final one;
 * - `lock`: the phase and checkpoint locks at the start of the batch's transaction;
 * - `load`: reading every row the batch's events can touch;
 * - `project`: starting the batch's `events` write and applying its events to those rows;
 * - `events`: waiting for the batch's `events` rows, written while it projected;
 * - `rows`: writing the changed rows, block hashes, undo journal and checkpoint;
 * - `commit`: the commit;
 * - `gc`: the collection a batch runs when the heap is over its budget (heap-governor.ts).
 *
 * Their sum is the projector's wall time: which stage dominates tells whether a chain waits for
 * its providers (`range`), for Postgres (`load`, `events`, `rows`, `commit`) or for this
 * process (`project`, `gc`).
 */
export const PROJECTOR_STAGES = [
  "range",
  "lock",
  "load",
  "project",
  "events",
  "rows",
  "commit",
  "gc",
] as const;

export type ProjectorStage = (typeof PROJECTOR_STAGES)[number];

/** Seconds per stage. */
export type StageSeconds = Partial<Record<ProjectorStage, number>>;

/**
 * Splits wall time into stages: each `lap` books the time since the previous lap (or the
 * clock's start) to the stage just finished.
 *
 * @example
 * const clock = new StageClock();
 * await readRange();
 * clock.lap("range");
 * await writeRange();
 * clock.lap("rows");
 * clock.seconds; // { range: 0.12, rows: 0.34 }
 */
export class StageClock {
  readonly seconds: StageSeconds = {};
  private last = performance.now();

  lap(stage: ProjectorStage): void {
    const now = performance.now();
    this.seconds[stage] = (this.seconds[stage] ?? 0) + (now - this.last) / 1000;
    this.last = now;
  }
}
