import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import type { ChainConfig } from "../../src/config/load-network.ts";
import { taskResultFetches, taskResults } from "../../src/db/schema/index.ts";
import {
  fetchPendingTaskResults,
  MAX_RESULT_ATTEMPTS,
} from "../../src/sync/task-results/fetch-task-results.ts";
import { startTestAnvil, type TestAnvil } from "../fixtures/anvil.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

/** An address with no code: every eth_call to it fails to decode. */
const NOT_A_CONTRACT = "0x000000000000000000000000000000000000dead";

describe("fetchPendingTaskResults", () => {
  let anvil: TestAnvil;
  let database: TestDatabase;
  let chain: ChainConfig;

  beforeAll(async () => {
    anvil = await startTestAnvil();
    database = await createTestDatabase("results");
    chain = {
      name: "l2",
      layer: "L2",
      chainId: anvil.chainId,
      rpcUrls: [anvil.url],
      finalityDepth: 0,
      pollingIntervalMs: 100,
      maxBlockRange: 100,
      contracts: [{ kind: "SessionQueueV2", abi: "gen3", address: NOT_A_CONTRACT, startBlock: 0n }],
      unresolved: [],
    };
  });
  afterAll(async () => {
    await anvil?.stop();
    await database?.drop();
  });

  it("retries a failing read, then marks it FAILED with the error, never silently empty", async () => {
    const { db } = database.handle;
    await db.insert(taskResultFetches).values([
      {
        chainId: chain.chainId,
        sessionId: "1",
        taskId: "0",
        contractAddress: NOT_A_CONTRACT,
        blockNumber: 0n,
      },
      // A fetch already done is the cache: it is never read again.
      {
        chainId: chain.chainId,
        sessionId: "1",
        taskId: "1",
        contractAddress: NOT_A_CONTRACT,
        blockNumber: 0n,
        status: "DONE",
        attempts: 1,
      },
    ]);
    const client = createChainClient(chain);
    for (let round = 1; round <= MAX_RESULT_ATTEMPTS + 1; round++) {
      await fetchPendingTaskResults(db, client, chain);
    }
    const fetches = await db.select().from(taskResultFetches);
    expect(fetches.find((fetch) => fetch.taskId === "0")).toMatchObject({
      status: "FAILED",
      attempts: MAX_RESULT_ATTEMPTS,
      lastError: expect.stringMatching(/.+/),
    });
    expect(fetches.find((fetch) => fetch.taskId === "1")).toMatchObject({
      status: "DONE",
      attempts: 1,
    });
    expect(await db.select().from(taskResults)).toEqual([]);
  });
});
