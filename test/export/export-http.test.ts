import { type IncomingMessage, request } from "node:http";
import pino from "pino";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { type ApiServer, serveApi } from "../../src/api/serve.ts";
import { describeColumns, type ExportMetadata } from "../../src/export/export-metadata.ts";
import { EXPORT_KINDS } from "../../src/export/kinds/index.ts";
import { singlePhaseResolver } from "../../src/export/phase-resolver.ts";
import { Metrics } from "../../src/observability/metrics.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";
import { seedExportFixtures } from "./export-fixtures.ts";
import { graphqlRows } from "./graphql-expectations.ts";
import { parseExport } from "./read-export.ts";

/** Events of a chain of their own, enough bytes (~80 MB of NDJSON) to outgrow every buffer. */
const BULK_CHAIN = 7;
const BULK_EVENTS = 200_000;

/** Starts a GET and resolves with the response once its headers arrived, without reading it. */
function startDownload(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request(url, resolve).on("error", reject).end();
  });
}

describe("HTTP exports", () => {
  let database: TestDatabase;
  let server: ApiServer;
  let observer: postgres.Sql;
  let metrics: Metrics;
  let app: ReturnType<typeof createApiApp>;

  /** Backends of the test database other than the observer's: state, wait and statement. */
  const sessions = async () =>
    (await observer`
      select state, wait_event, query from pg_stat_activity
      where datname = ${database.name} and pid <> pg_backend_pid() and backend_type = 'client backend'
    `) as unknown as { state: string; wait_event: string | null; query: string }[];
  /** Backends inside a transaction or running an export statement: what an export holds. */
  const inTransaction = async () =>
    (await sessions()).filter(
      (session) =>
        session.state.startsWith("idle in transaction") ||
        (session.state === "active" &&
          /^copy |fetch forward|declare export_rows/.test(session.query)),
    );

  beforeAll(async () => {
    database = await createTestDatabase("export_http");
    await seedExportFixtures(database.handle.db);
    observer = postgres(database.url, { max: 1, onnotice: () => {} });
    await observer.unsafe(`
      insert into events (chain_id, block_number, log_index, block_hash, block_timestamp, tx_hash,
        tx_index, contract_address, contract_kind, event_name, abi, topic0, topics, data, args)
      select ${BULK_CHAIN}, i, 0, '0x' || lpad(to_hex(i), 64, '0'), 1700000000 + i,
        '0x' || lpad(to_hex(i), 64, '0'), 0, '0x' || lpad('c0ffee', 40, '0'), 'SessionV2',
        'TaskEnded', 'gen3', '0x' || lpad('abc', 64, '0'), '[]', '0x' || repeat('ab', 100),
        jsonb_build_object('i', i::text)
      from generate_series(1, ${BULK_EVENTS}) i`);
    metrics = new Metrics();
    app = createApiApp({
      database: database.handle,
      logger: pino({ level: "silent" }),
      metrics,
      exports: { resolvePhaseDatabase: singlePhaseResolver(database.handle) },
    });
    server = await serveApi({ app, port: 0, hostname: "127.0.0.1" });
  });
  afterAll(async () => {
    await server?.close();
    await observer?.end();
    await database?.drop();
  });

  it("streams an export with its snapshot header, equal to GraphQL's answer", async () => {
    const response = await fetch(
      `${server.url}/export/tasks.csv?chain=1&status=ENDED&status=ASSIGNED`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="tasks.csv"');
    const snapshot = JSON.parse(response.headers.get("x-export-snapshot") ?? "{}");
    expect(snapshot).toMatchObject({
      phase: null,
      chains: [
        { chainId: 1, block: "5000" },
        { chainId: 2, block: "800" },
        { chainId: 3, block: "90" },
      ],
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const columns = describeColumns(EXPORT_KINDS.tasks.columns);
    const { rows } = await parseExport(bytes, "csv", { columns } as ExportMetadata);
    const expected = await graphqlRows(app, "tasks", { chain: "1", status: "ENDED,ASSIGNED" }, {});
    expect(rows).toEqual(expected);
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each([
    ["/export/blocks.csv", "kind"],
    ["/export/tasks.xlsx", "format"],
    ["/export/tasks", "format"],
    ["/export/tasks.csv?kind=events", "kind"],
    ["/export/tasks.csv?chain=1&fromBlock=9&toBlock=2", "toBlock"],
    ["/export/tasks.csv?fromBlock=9", "fromBlock"],
    ["/export/tasks.csv?status=DONE", "status"],
    ["/export/events.csv?owner=0x0000000000000000000000000000000000000001", "owner"],
    ["/export/tasks.csv?since=yesterday", "since"],
    ["/export/tasks.csv?phase=phase-9", "phase"],
    ["/export/tasks.csv?network=mainnet", "network"],
  ])("answers %s with 400 naming %s, leaving no transaction open", async (path, argument) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; argument: string };
    expect(body.argument).toBe(argument);
    expect(body.error).toMatch(new RegExp(`^${argument}: `));
    expect(await inTransaction()).toEqual([]);
  });

  it("honours back-pressure: a client that stops reading stops the COPY", async () => {
    const rowsBefore = (await metrics.exportRows.get()).values[0]?.value ?? 0;
    const response = await startDownload(`${server.url}/export/events.ndjson?chain=${BULK_CHAIN}`);
    expect(response.statusCode).toBe(200);
    // Not reading: socket buffers fill, the server stops reading the COPY, whose backend then
    // waits for its socket to drain.
    await waitFor("the COPY to wait on its client", async () =>
      (await sessions()).some(
        (session) => /^copy /.test(session.query) && session.wait_event === "ClientWrite",
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const exported = async () =>
      ((await metrics.exportRows.get()).values[0]?.value ?? 0) - rowsBefore;
    const stalledAt = await exported();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await exported()).toBe(stalledAt);
    expect(stalledAt).toBeLessThan(BULK_EVENTS / 2);
    response.destroy();
    await waitFor(
      "the export's transaction to end",
      async () => (await inTransaction()).length === 0,
    );
  });

  it("ends the snapshot at once when the client disconnects mid-download", async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/export/events.csv?chain=${BULK_CHAIN}`, {
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    expect(await inTransaction()).toHaveLength(1);
    const abortedAt = Date.now();
    controller.abort();
    await waitFor(
      "no open cursor or transaction",
      async () => (await inTransaction()).length === 0,
    );
    expect(Date.now() - abortedAt).toBeLessThan(2000);
  });
});
