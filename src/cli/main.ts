import { Command } from "commander";
import { ConfigError } from "../config/errors.ts";
import { PhaseError } from "../phase/errors.ts";
import { registerDevnetCommand } from "./commands/devnet.ts";
import { registerExportCommand } from "./commands/export.ts";
import { registerMigrateCommand } from "./commands/migrate.ts";
import { registerPhasesCommand } from "./commands/phases.ts";
import { registerResetCommand } from "./commands/reset.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerStartCommand } from "./commands/start.ts";
import { registerStatusCommand } from "./commands/status.ts";
import { registerStoreCommand } from "./commands/store.ts";
import { registerWorkerCommand } from "./commands/worker.ts";

const program = new Command()
  .name("cortensor-indexer")
  .description(
    "Indexes Cortensor sessions, tasks and nodes from the L2 and L3 chains into Postgres and serves them over GraphQL.",
  )
  .showHelpAfterError();

registerStartCommand(program);
registerWorkerCommand(program);
registerServeCommand(program);
registerDevnetCommand(program);
registerMigrateCommand(program);
registerStatusCommand(program);
registerResetCommand(program);
registerPhasesCommand(program);
registerExportCommand(program);
registerStoreCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof PhaseError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
