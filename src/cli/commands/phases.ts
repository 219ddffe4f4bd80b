import type { Command } from "commander";
import { PhaseDatabases } from "../../phase/phase-databases.ts";
import { listPhases } from "../../phase/phase-store.ts";
import { summarizePhase } from "../../phase/phase-summary.ts";
import { describePhase, describeReset } from "../../reset/describe-reset.ts";
import { readReset } from "../../reset/reset-journal.ts";
import { loadRuntime, openRuntimeDatabase } from "../runtime.ts";

export function registerPhasesCommand(program: Command): void {
  program
    .command("phases")
    .description(
      "list every phase (serving, indexing, archived) with its block ranges, counts and the reset that created it, as JSON",
    )
    .action(async () => {
      const runtime = loadRuntime({}, process.env, { logsToStderr: true });
      const database = await openRuntimeDatabase(runtime, { migrate: false, existing: true });
      const phases = new PhaseDatabases(database);
      try {
        const listed = [];
        for (const phase of await listPhases(database.db)) {
          const summary = await summarizePhase((await phases.databaseOf(phase)).db);
          const reset = await readReset(database.db, phase.id);
          listed.push({
            ...describePhase(phase),
            ...summary,
            chains: summary.chains.map((chain) => ({
              ...chain,
              startBlock: chain.startBlock.toString(),
              lastIndexedBlock: chain.lastIndexedBlock.toString(),
            })),
            reset: reset ? describeReset(reset) : null,
          });
        }
        process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
      } finally {
        await phases.close();
        await database.close();
      }
    });
}
