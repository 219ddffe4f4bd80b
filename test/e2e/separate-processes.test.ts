import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, http } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import { findFreePort } from "../../src/devnet/ports.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { countsByStatus, graphql } from "../fixtures/graphql.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** `devnet`, `worker` and `serve` in three processes, as in three shells, on Postgres and Redis. */
describe("devnet, worker and serve as separate processes", () => {
  const processes: CliProcess[] = [];
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await database?.drop();
  });

  it("serves the simulator's ground truth for both chains", async () => {
    database = await createTestDatabase("procs");
    const rpcEnv = {
      RPC_URL_31337: `http://127.0.0.1:${await findFreePort()}`,
      RPC_URL_31338: `http://127.0.0.1:${await findFreePort()}`,
    };
    const shared = {
      ...rpcEnv,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueQueuePrefix("procs"),
    };
    const truthFile = join(mkdtempSync(join(tmpdir(), "truth-")), "ground-truth.json");
    const port = await findFreePort();

    processes.push(
      spawnCli(
        ["devnet", "--rounds", "2", "--seed", "5", "--rate", "20", "--ground-truth", truthFile],
        rpcEnv,
      ),
    );
    processes.push(spawnCli(["worker"], shared));
    processes.push(spawnCli(["serve", "--port", String(port)], shared));

    await waitFor("the simulation to finish", async () => existsSync(truthFile), 60_000);
    const truths = JSON.parse(readFileSync(truthFile, "utf8")) as GroundTruth[];
    const url = `http://127.0.0.1:${port}`;
    const heads = new Map<number, bigint>();
    for (const [variable, rpc] of Object.entries(rpcEnv)) {
      const client = createPublicClient({ transport: http(rpc) });
      heads.set(
        Number(variable.replace("RPC_URL_", "")),
        await client.getBlockNumber({ cacheTime: 0 }),
      );
    }
    await waitFor("the worker to reach both heads", async () => {
      const data = await graphql<{
        _meta: { chains: { chainId: number; latestBlock: { number: string } | null }[] };
      }>(url, "{ _meta { chains { chainId latestBlock { number } } } }");
      return (
        data._meta.chains.length === 2 &&
        data._meta.chains.every(
          (chain) =>
            chain.latestBlock &&
            BigInt(chain.latestBlock.number) >= (heads.get(chain.chainId) ?? 0n),
        )
      );
    });

    expect(truths.map((truth) => truth.chainId)).toEqual([31337, 31338]);
    for (const truth of truths) {
      expect(truth.counts.tasks).toBeGreaterThan(0);
      expect(await countsByStatus(url, truth.chainId)).toEqual({
        sessions: truth.counts.sessions,
        tasks: truth.counts.tasks,
        tasksByStatus: truth.counts.tasksByStatus,
      });
    }
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  });
});
