import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { events } from "../../src/db/schema/index.ts";
import { eventCopyLine, insertNewEvents, startInsertNewEvents } from "../../src/db/write-events.ts";
import type { DecodedLog } from "../../src/decode/decode-log.ts";
import { decodedEvent } from "../fixtures/abi-samples.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

/** Task data no COPY line may garble: separators, escapes, quotes, non-ASCII, hex look-alikes. */
const AWKWARD = [
  "tab\there, newline\nthere, return\r, backslash \\ and \\N",
  'quote " and json {"a": [1]}',
  "ünïcødé ✓ 🚀",
  "0xABCDEF looks like hex",
  "",
];

function awkwardLogs(firstBlock: number): DecodedLog[] {
  return AWKWARD.map((taskData, i) =>
    decodedEvent(
      "SessionQueueV2",
      "TaskQueued",
      { sessionId: 1n, taskId: BigInt(i), globalId: 2n ** 70n + BigInt(i), taskData },
      { block: firstBlock + i, logIndex: i },
    ),
  );
}

async function storedRows(handle: DatabaseHandle) {
  return handle.db.select().from(events).orderBy(asc(events.blockNumber), asc(events.logIndex));
}

async function store(handle: DatabaseHandle, logs: DecodedLog[], prepared?: Buffer) {
  return handle.db.transaction(async (tx) => {
    const { stored, written } = await startInsertNewEvents(tx, logs, prepared);
    await written;
    return stored;
  });
}

describe("event writes", () => {
  let copied: TestDatabase;
  let prepared: TestDatabase;
  let lite: DatabaseHandle;

  beforeAll(async () => {
    copied = await createTestDatabase("events_copy");
    prepared = await createTestDatabase("events_prepared");
    lite = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), "pglite-events-")) });
    await lite.migrate();
  });
  afterAll(async () => {
    await copied?.drop();
    await prepared?.drop();
    await lite?.close();
  });

  it("stores the same rows by COPY, by prepared COPY data and by INSERT (PGlite)", async () => {
    const logs = awkwardLogs(10);
    expect(await store(copied.handle, logs)).toHaveLength(logs.length);
    const data = Buffer.from(logs.map(eventCopyLine).join(""));
    expect(await store(prepared.handle, logs, data)).toHaveLength(logs.length);
    expect(await store(lite, logs)).toHaveLength(logs.length);
    const rows = await storedRows(copied.handle);
    expect(rows.map((row) => (row.args as { taskData: string }).taskData)).toEqual(
      AWKWARD.map((text) => (text.startsWith("0x") ? text.toLowerCase() : text)),
    );
    expect(await storedRows(prepared.handle)).toEqual(rows);
    expect(await storedRows(lite)).toEqual(rows);
  });

  it("returns only the new logs when a span is partly stored, once each", async () => {
    const again = [...awkwardLogs(10), ...awkwardLogs(20)];
    const duplicate = awkwardLogs(20)[0] as DecodedLog;
    const stored = await store(copied.handle, [...again, duplicate]);
    expect(stored).toEqual(awkwardLogs(20));
    expect(await insertNewEvents(copied.handle.db, again)).toEqual([]);
    expect(await storedRows(copied.handle)).toHaveLength(2 * AWKWARD.length);
  });
});
