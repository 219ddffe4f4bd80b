import type { ActionLogEntry } from "./transactions.ts";

/**
 * The simulator's most recent mined actions. Bounded, because a continuous simulation would
 * otherwise grow without limit; `dropped` says how many of the oldest entries were discarded.
 */
export class ActionLog {
  private entries: ActionLogEntry[] = [];
  private droppedCount = 0;

  constructor(private readonly capacity: number) {}

  push(entry: ActionLogEntry): void {
    this.entries.push(entry);
    // Trim in chunks so that a full log does not shift the whole array on every push.
    if (this.entries.length > this.capacity * 1.1) {
      const excess = this.entries.length - this.capacity;
      this.entries = this.entries.slice(excess);
      this.droppedCount += excess;
    }
  }

  get dropped(): number {
    return this.droppedCount + Math.max(0, this.entries.length - this.capacity);
  }

  /** The retained entries, oldest first. */
  list(): ActionLogEntry[] {
    return this.entries.slice(-this.capacity);
  }
}
