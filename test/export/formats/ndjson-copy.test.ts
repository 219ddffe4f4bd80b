import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportColumn } from "../../../src/export/columns.ts";
import type { RowBytesSink } from "../../../src/export/formats/copy-format.ts";
import { ndjsonCopy } from "../../../src/export/formats/ndjson-copy.ts";
import { TEST_POSTGRES_URL } from "../../fixtures/postgres.ts";

const column = (name: string, type: ExportColumn["type"]) => ({ name, type }) as ExportColumn;
const COLUMNS = [
  column("chainId", "int32"),
  column("blockNumber", "int64"),
  column("taskId", "uint256"),
  column("taskData", "string"),
  column("ended", "boolean"),
  column("args", "json"),
];
/** Rows as the export query reads them for NDJSON: every value as Postgres' text. */
const SELECT = `select * from (values
  ('1', '42', '${(2n ** 255n).toString()}', e'a "quoted",\\n\\\\ text \\u0001 ünï', 'true', '{"miners": ["0xab"]}'),
  ('2', null, '7', '', 'false', null),
  ('3', '9', '8', repeat('x', 70000), null, '[]')
) v(a, b, c, d, e, f)`;
const EXPECTED = [
  {
    chainId: 1,
    blockNumber: "42",
    taskId: (2n ** 255n).toString(),
    taskData: 'a "quoted",\n\\ text \u0001 ünï',
    ended: true,
    args: { miners: ["0xab"] },
  },
  { chainId: 2, blockNumber: null, taskId: "7", taskData: "", ended: false, args: null },
  { chainId: 3, blockNumber: "9", taskId: "8", taskData: "x".repeat(70000), ended: null, args: [] },
];

/** A sink collecting what is written, with rows counted. */
function collectingSink() {
  const parts: Buffer[] = [];
  let rows = 0;
  let current = Buffer.alloc(0);
  const sink: RowBytesSink = {
    reserve(bytes) {
      current = Buffer.alloc(bytes);
      return { buffer: current, at: 0 };
    },
    commit(bytes, count) {
      parts.push(current.subarray(0, bytes));
      rows += count;
    },
  };
  return { sink, text: () => Buffer.concat(parts).toString(), rows: () => rows };
}

describe("NDJSON from a binary COPY", () => {
  let sql: postgres.Sql;
  let messages: Buffer[];

  beforeAll(async () => {
    sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
    const stream = await sql.unsafe(ndjsonCopy.statement(SELECT)).readable();
    messages = [];
    for await (const message of stream.iterator()) messages.push(message as Buffer);
  });
  afterAll(() => sql?.end());

  const writeAll = (pieces: Buffer[]) => {
    const write = ndjsonCopy.createWriter(COLUMNS);
    const { sink, text, rows } = collectingSink();
    for (const piece of pieces) write(piece, sink);
    return { lines: text().split("\n"), rows: rows() };
  };

  it("writes one JSON object per row, values typed as the API's", () => {
    const { lines, rows } = writeAll(messages);
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => JSON.parse(line))).toEqual(EXPECTED);
    expect(rows).toBe(EXPECTED.length);
  });

  it("writes the same whatever the boundaries of the messages", () => {
    const whole = Buffer.concat(messages);
    for (const size of [5, 1000, whole.length]) {
      const pieces: Buffer[] = [];
      for (let at = 0; at < whole.length; at += size) pieces.push(whole.subarray(at, at + size));
      expect(writeAll(pieces)).toEqual(writeAll(messages));
    }
  });

  it("refuses a tuple whose field count is not the columns'", () => {
    const write = ndjsonCopy.createWriter(COLUMNS.slice(0, 2));
    const { sink } = collectingSink();
    expect(() => {
      for (const message of messages) write(message, sink);
    }).toThrow(/6 fields, not 2/);
  });
});
