import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../src/devnet/ports.ts";
import { type CliProcess, spawnCli } from "../fixtures/cli-process.ts";
import { graphql } from "../fixtures/graphql.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** What `npm start` runs, on a machine without Postgres or Redis configured. */
describe("start --with-devnet on the embedded defaults", () => {
  let indexer: CliProcess | undefined;
  afterAll(() => indexer?.stop());

  it("answers GraphQL with sessions and tasks from both devnet chains within 60 s", async () => {
    const port = await findFreePort();
    const startedAt = Date.now();
    indexer = spawnCli(["start", "--with-devnet"], {
      DATABASE_URL: "",
      REDIS_URL: "",
      DATA_DIR: mkdtempSync(join(tmpdir(), "quick-start-")),
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
    expect(Date.now() - startedAt).toBeLessThan(60_000);
    expect(counts.l2Tasks?.totalCount).toBeGreaterThan(0);
    expect(indexer.output()).not.toMatch(/"level":50/);
  });
});
