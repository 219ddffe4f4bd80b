import { describe, expect, it } from "vitest";
import type { DecodedLog } from "../../src/decode/decode-log.ts";
import { applyEvents } from "../../src/projection/apply-events.ts";
import { type BatchRows, stateFromRows } from "../../src/projection/batch-rows.ts";
import { AppendedRows, KeyedRows } from "../../src/projection/keyed-rows.ts";
import type { ProjectionState } from "../../src/projection/projection-state.ts";
import { collectStateKeys } from "../../src/projection/state-keys.ts";
import { SyntheticChain } from "../fixtures/synthetic-chain.ts";

/** What a batch reads ahead from an empty database: its keys, no rows. */
const nothingStored = (logs: readonly DecodedLog[]): BatchRows => ({
  keys: collectStateKeys(logs),
  sessions: [],
  tasks: [],
  assignments: [],
  nodes: [],
  nodeStats: [],
  routers: [],
  dedicatedNodes: [],
  cognitiveRounds: [],
  cognitiveRoundMiners: [],
});

/** What writing `states` one after the other leaves in the database, by table. */
function written(...states: ProjectionState[]): Record<string, unknown> {
  const tables: Record<string, Map<string, unknown> | unknown[]> = {};
  for (const state of states) {
    for (const [name, table] of Object.entries(state)) {
      if (table instanceof KeyedRows) {
        const rows = (tables[name] ?? new Map()) as Map<string, unknown>;
        for (const row of table.changed()) rows.set(table.keyOf(row), row);
        tables[name] = rows;
      } else if (table instanceof AppendedRows) {
        tables[name] = [...((tables[name] as unknown[]) ?? []), ...table.rows];
      }
    }
  }
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      rows instanceof Map ? Object.fromEntries(rows) : rows,
    ]),
  );
}

describe("stateFromRows", () => {
  const chain = new SyntheticChain({ minEvents: 2_000, seed: 3 });
  const logs = chain.decodedLogs(0, chain.head);
  // Two batches cut between blocks, mid-chain: sessions, tasks and nodes span both.
  const middle = logs[Math.floor(logs.length / 2)]?.blockNumber;
  const first = logs.filter((log) => log.blockNumber < (middle ?? 0n));
  const second = logs.filter((log) => log.blockNumber >= (middle ?? 0n));

  const oneBatch = stateFromRows(nothingStored(logs));
  applyEvents(oneBatch, logs);
  const before = stateFromRows(nothingStored(first));
  applyEvents(before, first);

  it("takes the rows the batch before changed over rows read before it committed", () => {
    const after = stateFromRows(nothingStored(second), before);
    // Carried rows are the batch's starting point, not its changes.
    expect(after.tasks.changed()).toEqual([]);
    applyEvents(after, second);
    expect(written(before, after)).toEqual(written(oneBatch));
  });

  it("gives other rows without the state of the batch before (what the test above rules out)", () => {
    const after = stateFromRows(nothingStored(second));
    applyEvents(after, second);
    expect(written(before, after)).not.toEqual(written(oneBatch));
  });
});
