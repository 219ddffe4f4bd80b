import type { Command } from "commander";
import { startDevnet } from "../../devnet/run-devnet.ts";
import { parsePositiveInt, parsePositiveNumber } from "../parse-options.ts";
import { type CommonOptions, loadRuntime, onShutdown } from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

interface DevnetOptions extends CommonOptions {
  rate?: number;
  seed?: number;
  rounds?: number;
  groundTruth?: boolean;
}

export function registerDevnetCommand(program: Command): void {
  withNetworkOptions(
    program
      .command("devnet")
      .description(
        "start two local anvil chains (L2 and L3), deploy the devnet contracts and simulate Cortensor traffic",
      )
      .option("--rate <rounds>", "simulation rounds per second per chain", parsePositiveNumber)
      .option("--seed <n>", "random seed of the simulator", parsePositiveInt)
      .option(
        "--rounds <n>",
        "stop simulating after n rounds (default: run until stopped)",
        parsePositiveInt,
      )
      .option("--ground-truth", "print the simulator's ground truth as JSON when it stops"),
  ).action(async (options: DevnetOptions) => {
    const runtime = loadRuntime({ ...options, network: options.network ?? "devnet" });
    const devnet = await startDevnet({
      network: runtime.network,
      logger: runtime.logger,
      simulate: { rate: options.rate, seed: options.seed, rounds: options.rounds },
    });
    for (const chain of devnet.chains) {
      runtime.logger.info({ chainId: chain.chainId, rpc: chain.url }, "devnet chain ready");
    }
    onShutdown(runtime.logger, async () => {
      if (options.groundTruth) {
        const truth = devnet.chains.map((chain) => chain.simulator.groundTruth());
        process.stdout.write(`${JSON.stringify(truth, null, 2)}\n`);
      }
      await devnet.stop();
    });
  });
}
