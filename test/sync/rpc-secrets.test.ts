import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/config/load-network.ts";
import { readCheckpoint } from "../../src/db/checkpoints.ts";
import { redactRpcUrl } from "../../src/logger/create-logger.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import { type SyncWorkers, startSyncWorkers } from "../../src/sync/start-sync-workers.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

const KEYED_URL = "http://127.0.0.1:9/v2/SECRET-API-KEY";

describe("RPC API keys stay out of errors and logs", () => {
  let database: TestDatabase | undefined;
  let workers: SyncWorkers | undefined;
  afterAll(async () => {
    await workers?.stop();
    await database?.drop();
  });

  it("keeps only the origin of an RPC URL", () => {
    expect(redactRpcUrl(KEYED_URL)).toBe("http://127.0.0.1:9/…");
    expect(redactRpcUrl("http://127.0.0.1:8545")).toBe("http://127.0.0.1:8545");
    expect(redactRpcUrl("https://node.example/?apikey=1")).toBe("https://node.example/…");
  });

  it("records and logs a failing provider's error without its key", async () => {
    database = await createTestDatabase("secrets");
    const { db } = database.handle;
    const lines: string[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => lines.push(line) });
    const network = loadNetwork("devnet", { env: { RPC_URL_31337: KEYED_URL } });
    workers = await startSyncWorkers({
      network: { ...network, chains: network.chains.filter((chain) => chain.chainId === 31337) },
      database: database.handle,
      queue: new InProcessWorkQueue(),
      logger,
    });
    const checkpoint = await waitFor("the error to be recorded", async () => {
      const row = await readCheckpoint(db, 31337);
      return row?.lastError ? row : null;
    });
    expect(checkpoint.lastError).toContain("http://127.0.0.1:9/…");
    expect(checkpoint.lastError).not.toContain("SECRET-API-KEY");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain("SECRET-API-KEY");
  });
});
