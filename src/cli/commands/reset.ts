import { userInfo } from "node:os";
import { type Command, Option } from "commander";
import { ConfigError } from "../../config/errors.ts";
import type { ResetState, SwitchMode } from "../../db/control-schema/index.ts";
import { describeReset } from "../../reset/describe-reset.ts";
import { performReset, SWITCH_MODES } from "../../reset/perform-reset.ts";
import { resumeUnfinishedResets } from "../../reset/run-reset.ts";
import {
  type CommonOptions,
  loadRuntime,
  openRuntimeDatabase,
  openRuntimeQueue,
} from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

interface ResetCliOptions extends CommonOptions {
  phase: string;
  switch: SwitchMode;
}

/**
 * Fault injection for the crash tests: after the named step is journaled, the process kills
 * itself with SIGKILL, as a crash at that point would.
 */
const KILL_AFTER_STEP = "CORTENSOR_FAULT_KILL_AFTER_RESET_STEP";

function killAfterStep(env: NodeJS.ProcessEnv): ((state: ResetState) => void) | undefined {
  const target = env[KILL_AFTER_STEP];
  if (!target) return undefined;
  return (state) => {
    if (state === target) process.kill(process.pid, "SIGKILL");
  };
}

export function registerResetCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("reset")
      .description(
        "start a new phase: archive the current one (kept, queryable, exportable) and re-point the workers at the new network and start blocks",
      )
      .requiredOption("--phase <id>", "id of the new phase, e.g. phase-5 (the idempotency key)")
      .addOption(
        new Option("--switch <mode>", "when the API starts serving the new phase")
          .choices([...SWITCH_MODES])
          .default("immediate"),
      ),
  ).action(async (options: ResetCliOptions) => {
    if (!options.network) {
      throw new ConfigError("--network: the network the new phase follows is required");
    }
    const runtime = loadRuntime(options, process.env, { logsToStderr: true });
    const database = await openRuntimeDatabase(runtime, { migrate: true });
    // Only Redis holds a queue shared with the workers; without it they notice at the cut-over.
    const queue = runtime.env.REDIS_URL ? openRuntimeQueue(runtime) : undefined;
    const context = { database, queue, logger: runtime.logger };
    try {
      await resumeUnfinishedResets(context);
      const outcome = await performReset(context, {
        phase: options.phase,
        network: options.network,
        startBlocks: options.startBlock,
        switch: options.switch,
        requestedBy: `cli:${userInfo().username}`,
        afterStep: killAfterStep(process.env),
      });
      const output = { created: outcome.created, reset: describeReset(outcome.reset) };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      process.exitCode = outcome.reset.state === "completed" ? 0 : 1;
    } finally {
      await queue?.close();
      await database.close();
    }
  });
}
