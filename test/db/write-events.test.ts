import { describe, expect, it } from "vitest";
import {
  eventCopyData,
  eventCopyLine,
  parseEventCopyLines,
  toEventRow,
} from "../../src/db/write-events.ts";
import type { DecodedLog } from "../../src/decode/decode-log.ts";

const decoded: DecodedLog = {
  chainId: 421614,
  blockNumber: 123_456_789_012n,
  blockHash: `0x${"AB".repeat(32)}`,
  blockTimestamp: 1_764_000_000n,
  txHash: `0x${"cd".repeat(32)}`,
  txIndex: 3,
  logIndex: 17,
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  topics: [`0x${"11".repeat(32)}`, `0x${"22".repeat(32)}`],
  data: "0xDEADbeef",
  contractKind: "SessionQueueV2",
  eventName: "TaskQueued",
  abi: "gen2",
  // Everything COPY's text format escapes, and more than ASCII.
  args: { taskData: "tab\there\nnew line\r\\backslash \\N ünïcødé 🚀", taskId: "7" },
};
const undecoded: DecodedLog = {
  ...decoded,
  logIndex: 18,
  topics: [],
  eventName: null,
  abi: null,
  args: null,
};

/** The `raw_logs` row of a log: its `events` row with the JSON as text. */
function rawLogRow(log: DecodedLog) {
  const row = toEventRow(log);
  return {
    ...row,
    topics: JSON.stringify(row.topics),
    args: row.args === null ? null : JSON.stringify(row.args),
  };
}

describe("parseEventCopyLines", () => {
  it("gives back the rows eventCopyLine wrote, escapes, nulls and non-ASCII text included", () => {
    const data = Buffer.from([decoded, undecoded].map(eventCopyLine).join(""));
    expect(parseEventCopyLines(data)).toEqual([rawLogRow(decoded), rawLogRow(undecoded)]);
  });

  it("reads no row from empty data", () => {
    expect(parseEventCopyLines(Buffer.alloc(0))).toEqual([]);
  });
});

describe("eventCopyData", () => {
  it("writes the logs' lines in order, however many pieces they take, and counts them", () => {
    // A line longer than a piece (256 KiB), and enough lines to fill several.
    const long = { ...decoded, logIndex: 19, args: { taskData: "ü".repeat(300_000) } };
    const logs = [
      decoded,
      long,
      ...Array.from({ length: 2_000 }, (_, i) => ({ ...undecoded, logIndex: 20 + i })),
    ];
    const { data, rows } = eventCopyData(logs);
    expect(rows).toBe(logs.length);
    expect(data.equals(Buffer.from(logs.map(eventCopyLine).join("")))).toBe(true);
    expect(parseEventCopyLines(data)).toEqual(logs.map(rawLogRow));
  });

  it("takes the logs from any iterable, a generator included, and writes nothing for none", () => {
    function* lazy() {
      yield decoded;
      yield undecoded;
    }
    const { data, rows } = eventCopyData(lazy());
    expect(rows).toBe(2);
    expect(parseEventCopyLines(data)).toEqual([rawLogRow(decoded), rawLogRow(undecoded)]);
    expect(eventCopyData([])).toEqual({ data: Buffer.alloc(0), rows: 0 });
  });
});
