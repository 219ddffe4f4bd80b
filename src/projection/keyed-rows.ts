/**
 * The rows of one table that a batch of events touches, keyed by primary key: loaded from the
 * database before the batch, changed in memory by the pure event handlers, written back after.
 * Invariant: `changed()` holds every row `put` since the last load, in its latest state.
 */
export class KeyedRows<Row> {
  private readonly rows = new Map<string, Row>();
  private readonly loaded = new Map<string, Row>();
  private readonly dirty = new Set<string>();

  constructor(readonly keyOf: (row: Row) => string) {}

  load(rows: readonly Row[]): void {
    for (const row of rows) {
      this.rows.set(this.keyOf(row), row);
      this.loaded.set(this.keyOf(row), row);
    }
  }

  /** The row as it was in the database before the batch; undefined for a row the batch created. */
  original(key: string): Row | undefined {
    return this.loaded.get(key);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** Stores a new or changed row; it will be written back. */
  put(row: Row): Row {
    const key = this.keyOf(row);
    this.rows.set(key, row);
    this.dirty.add(key);
    return row;
  }

  changed(): Row[] {
    return [...this.dirty].map((key) => this.rows.get(key) as Row);
  }

  all(): Row[] {
    return [...this.rows.values()];
  }
}

/** Rows a batch only adds (history tables): written with "insert, skip if present". */
export class AppendedRows<Row> {
  readonly rows: Row[] = [];

  push(row: Row): void {
    this.rows.push(row);
  }
}

/** The key string of a row's primary key values. */
export const keyOf = (...values: readonly unknown[]): string => values.map(String).join(":");
