import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../src/devnet/ports.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { graphql } from "../fixtures/graphql.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** What `npm start` runs, on a machine without Postgres or Redis configured. */
describe("start --with-devnet on the embedded defaults", () => {
  let indexer: CliProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "quick-start-"));
  afterAll(() => indexer?.stop());

  /** Runs `npm start`'s command in `dataDir` and waits for both chains' sessions and tasks. */
  async function startAndQuery(dataDir: string) {
    const port = await findFreePort();
    const startedAt = Date.now();
    indexer = spawnCli(["start", "--with-devnet"], {
      DATABASE_URL: "",
      REDIS_URL: "",
      DATA_DIR: dataDir,
      PORT: String(port),
      RPC_URL_31337: `http://127.0.0.1:${await findFreePort()}`,
      RPC_URL_31338: `http://127.0.0.1:${await findFreePort()}`,
    });
    const url = `http://127.0.0.1:${port}`;
    const counts = await waitFor(
      "sessions and tasks of both chains",
      async () => {
        const data = await graphql<Record<string, { totalCount: number }>>(
          url,
          `{
            l2Sessions: sessions(where: { chainId: 31337 }) { totalCount }
            l3Sessions: sessions(where: { chainId: 31338 }) { totalCount }
            l2Tasks: tasks(where: { chainId: 31337 }) { totalCount }
            l3Tasks: tasks(where: { chainId: 31338 }) { totalCount }
          }`,
        );
        return Object.values(data).every((list) => list.totalCount > 0) ? data : null;
      },
      60_000,
      500,
    ).catch((error) => {
      throw new Error(`${error.message}\n--- indexer output ---\n${indexer?.output()}`);
    });
    return { url, counts, seconds: (Date.now() - startedAt) / 1000, output: indexer.output() };
  }

  it("answers GraphQL with sessions and tasks from both devnet chains within 60 s", async () => {
    const run = await startAndQuery(dataDir);
    expect(run.seconds).toBeLessThan(60);
    expect(run.counts.l2Tasks?.totalCount).toBeGreaterThan(0);
    expect(run.output).not.toMatch(/"level":50/);
  });

  it("starts over on the next start, whose devnet chains are new", async () => {
    await indexer?.stop();
    const run = await startAndQuery(dataDir);
    // An index of the previous chains would fail every round, waiting for blocks that no longer
    // exist: give it several polls to show.
    await sleep(3_000);
    const { indexerStatus } = await graphql<{
      indexerStatus: { chains: { indexing: { lastError: string | null } | null }[] };
    }>(run.url, "{ indexerStatus { chains { indexing { lastError } } } }");
    expect(indexerStatus.chains.map((chain) => chain.indexing?.lastError)).toEqual([null, null]);
    expect(indexer?.output()).not.toMatch(/"level":50/);
  });
});
