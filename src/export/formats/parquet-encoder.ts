import type { SchemaElement } from "hyparquet";
import { ByteWriter, type ColumnSource, ParquetWriter } from "hyparquet-writer";
import type { ColumnType } from "../columns.ts";
import { PARQUET_METADATA_KEY } from "../export-metadata.ts";
import type { EncoderOptions, RowEncoder } from "./row-encoder.ts";

/**
 * A row group ends at this many rows or at PARQUET_ROW_GROUP_TEXT_CHARS of text, whichever comes
 * first: large enough for readers to scan well, small enough to buffer. A row group is held as
 * JavaScript values until written (JSON columns parsed into objects, several times the size of
 * their text), so wide rows, such as a session history's, need the second bound to keep memory
 * flat.
 */
export const PARQUET_ROW_GROUP_SIZE = 10_000;
export const PARQUET_ROW_GROUP_TEXT_CHARS = 4_000_000;

/** The Parquet type of each column type (all columns nullable). */
const schemaOf: Record<ColumnType, Omit<SchemaElement, "name">> = {
  int32: { type: "INT32" },
  int64: { type: "INT64" },
  timestamp: {
    type: "INT64",
    converted_type: "TIMESTAMP_MILLIS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
  },
  // Decimal strings: DECIMAL(78, 0) would be exact too, but no common reader takes 78 digits.
  uint256: { type: "BYTE_ARRAY", converted_type: "UTF8" },
  string: { type: "BYTE_ARRAY", converted_type: "UTF8" },
  boolean: { type: "BOOLEAN" },
  json: { type: "BYTE_ARRAY", converted_type: "JSON" },
};

type ToParquet = (value: unknown) => unknown;
const same: ToParquet = (value) => value;

/** Value as read from SQL → value hyparquet-writer takes for the column's Parquet type. */
const parquetValueOf: Record<ColumnType, ToParquet> = {
  int32: same,
  int64: same,
  timestamp: (seconds) => (seconds as bigint) * 1000n,
  uint256: same,
  string: same,
  boolean: same,
  // The writer serialises JSON values itself.
  json: (text) => JSON.parse(text as string),
};

/**
 * A ByteWriter whose bytes are handed out as they are flushed (after each row group and at the
 * end), so a file is streamed row group by row group instead of built in memory.
 */
class FlushingWriter extends ByteWriter {
  private readonly flushed: Uint8Array[] = [];

  flush(): void {
    if (this.index === 0) return;
    this.flushed.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }

  /** The bytes flushed since the last call, if any. */
  take(): Uint8Array | undefined {
    if (this.flushed.length === 0) return undefined;
    const bytes = Buffer.concat(this.flushed.splice(0));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

/**
 * Parquet with typed columns (see columns.ts), written a row group at a time; the export metadata
 * is the file's key-value metadata under `cortensor.export`.
 */
export function parquetEncoder(
  { columns }: EncoderOptions,
  rowGroupSize = PARQUET_ROW_GROUP_SIZE,
  rowGroupTextChars = PARQUET_ROW_GROUP_TEXT_CHARS,
): RowEncoder {
  const writer = new FlushingWriter();
  const schema: SchemaElement[] = [
    { name: "root", num_children: columns.length },
    ...columns.map((column) => ({
      name: column.name,
      repetition_type: "OPTIONAL" as const,
      ...schemaOf[column.type],
    })),
  ];
  const parquet = new ParquetWriter({ writer, schema, createdBy: "cortensor-indexer" });
  const converters = columns.map((column) => parquetValueOf[column.type]);
  let buffered: unknown[][] = columns.map(() => []);
  let bufferedRows = 0;
  let bufferedTextChars = 0;

  const writeRowGroup = () => {
    if (bufferedRows === 0) return;
    const columnData: ColumnSource[] = columns.map((column, index) => ({
      name: column.name,
      data: buffered[index] as unknown[],
    }));
    parquet.write({ columnData, rowGroupSize: bufferedRows });
    buffered = columns.map(() => []);
    bufferedRows = 0;
    bufferedTextChars = 0;
  };

  return {
    begin: () => undefined,
    encode: (rows) => {
      for (const row of rows) {
        for (let index = 0; index < converters.length; index++) {
          const value = row[index];
          const convert = converters[index] as ToParquet;
          if (typeof value === "string") bufferedTextChars += value.length;
          (buffered[index] as unknown[]).push(value === null ? null : convert(value));
        }
        bufferedRows++;
        if (bufferedRows >= rowGroupSize || bufferedTextChars >= rowGroupTextChars) {
          writeRowGroup();
        }
      }
      return writer.take();
    },
    end: (metadata) => {
      writeRowGroup();
      parquet.kvMetadata = [{ key: PARQUET_METADATA_KEY, value: JSON.stringify(metadata) }];
      parquet.finish();
      return writer.take();
    },
  };
}
