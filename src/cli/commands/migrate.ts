import type { Command } from "commander";
import { type CommonOptions, loadRuntime, openRuntimeDatabase } from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

export function registerMigrateCommand(program: Command): void {
  withNetworkOptions(
    program.command("migrate").description("apply the database migrations in drizzle/ and exit"),
  ).action(async (options: CommonOptions) => {
    const runtime = loadRuntime(options);
    const database = await openRuntimeDatabase(runtime, { migrate: true });
    runtime.logger.info("migrations applied");
    await database.close();
  });
}
