import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import type { ExportColumn } from "../../../src/export/columns.ts";
import type { ExportMetadata } from "../../../src/export/export-metadata.ts";
import { parquetEncoder } from "../../../src/export/formats/parquet-encoder.ts";

const COLUMNS = [
  { name: "id", type: "int32" },
  { name: "text", type: "string" },
] as ExportColumn[];
const METADATA = { kind: "tasks" } as ExportMetadata;

/** Encodes rows in batches of 3 and returns the file's row groups' sizes and its rows. */
async function encode(rows: unknown[][], rowGroupSize: number, rowGroupTextChars: number) {
  const encoder = parquetEncoder(
    { columns: COLUMNS, metadata: METADATA },
    rowGroupSize,
    rowGroupTextChars,
  );
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < rows.length; at += 3) {
    const chunk = encoder.encode(rows.slice(at, at + 3));
    if (chunk) chunks.push(chunk as Uint8Array);
  }
  const last = encoder.end(METADATA);
  if (last) chunks.push(last as Uint8Array);
  const bytes = Buffer.concat(chunks);
  const file = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  return {
    groups: parquetMetadata(file).row_groups.map((group) => Number(group.num_rows)),
    rows: (await parquetReadObjects({ file })).map((row) => [row.id, row.text]),
  };
}

describe("parquetEncoder row groups", () => {
  it("ends a row group at its row count", async () => {
    const rows = Array.from({ length: 25 }, (_, id) => [id, `row ${id}`]);
    expect(await encode(rows, 10, 1_000_000)).toEqual({ groups: [10, 10, 5], rows });
  });

  it("ends a row group early when its text grows large, for wide rows", async () => {
    const rows = Array.from({ length: 10 }, (_, id) => [id, `${id}`.padEnd(30, "x")]);
    // 30 characters a row: the fourth row takes a group past 100 characters.
    expect(await encode(rows, 1_000, 100)).toEqual({ groups: [4, 4, 2], rows });
  });
});
