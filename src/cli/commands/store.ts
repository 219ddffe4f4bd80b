import { type Command, InvalidArgumentError } from "commander";
import { clearChainStore } from "../../sync/store/clear-chain-store.ts";
import { loadRuntime, openRuntimeDatabase } from "../runtime.ts";

function chainIdArgument(value: string): number {
  const chainId = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new InvalidArgumentError(`"${value}" is not a chain id (a positive integer)`);
  }
  return chainId;
}

export function registerStoreCommand(program: Command): void {
  const store = program
    .command("store")
    .description("the sync store of fetched logs that every phase projects from");
  store
    .command("clear")
    .description(
      "forget a chain's fetched logs, headers and intervals (after a StoreChainMismatchError); the workers fetch them again, the phases' tables are kept; prints what was removed as JSON",
    )
    .requiredOption("--chain <id>", "the chain id whose store rows to remove", chainIdArgument)
    .action(async (options: { chain: number }) => {
      const runtime = loadRuntime({}, process.env, { logsToStderr: true });
      const database = await openRuntimeDatabase(runtime, { migrate: true });
      try {
        const cleared = await clearChainStore(database.db, options.chain);
        runtime.logger.info(cleared, "sync store cleared");
        process.stdout.write(`${JSON.stringify(cleared)}\n`);
      } finally {
        await database.close();
      }
    });
}
