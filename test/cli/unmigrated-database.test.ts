import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeUrl } from "../../src/logger/create-logger.ts";
import { runCli } from "../fixtures/cli-process.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

describe("commands that read an existing index", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("unmigrated", { migrated: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each([[["status"]], [["phases"]], [["export", "tasks", "--format", "csv", "--out", "-"]]])(
    "%j refuses a database the indexer never migrated, saying what to run",
    async (args) => {
      const { code, output } = await runCli(args, { DATABASE_URL: database.url });
      expect(code).toBe(2);
      expect(output).toContain(
        `error: the database (${describeUrl(database.url)}) holds no cortensor-indexer tables: run \`cortensor-indexer migrate\` first`,
      );
      expect(output).not.toContain("    at ");
    },
  );
});
