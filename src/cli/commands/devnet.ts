import { renameSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { type Devnet, startDevnet } from "../../devnet/run-devnet.ts";
import { parsePositiveInt, parsePositiveNumber } from "../parse-options.ts";
import { type CommonOptions, loadRuntime, onShutdown } from "../runtime.ts";
import { withNetworkOptions } from "./shared-options.ts";

interface DevnetOptions extends CommonOptions {
  rate?: number;
  seed?: number;
  rounds?: number;
  groundTruth?: string;
}

function writeGroundTruth(devnet: Devnet, path: string): void {
  const truth = devnet.chains.map((chain) => chain.simulator.groundTruth());
  // Write, then rename: a reader polling for the file never sees half of it.
  writeFileSync(`${path}.partial`, `${JSON.stringify(truth, null, 2)}\n`);
  renameSync(`${path}.partial`, path);
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
      .option(
        "--ground-truth <file>",
        "write the simulator's ground truth (JSON, one entry per chain) to this file when the simulation ends or the devnet stops",
      ),
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
    const groundTruthFile = options.groundTruth;
    if (groundTruthFile && options.rounds) {
      Promise.all(devnet.chains.map((chain) => chain.simulator.run())).then(() => {
        writeGroundTruth(devnet, groundTruthFile);
        runtime.logger.info({ file: groundTruthFile }, "simulation finished; ground truth written");
      });
    }
    onShutdown(runtime.logger, async () => {
      if (groundTruthFile) writeGroundTruth(devnet, groundTruthFile);
      await devnet.stop();
    });
  });
}
