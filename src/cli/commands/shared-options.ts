import type { Command } from "commander";
import { collectStartBlock } from "../parse-options.ts";

/** `--network` and `--start-block`, for every command that reads a network. */
export function withNetworkOptions(command: Command): Command {
  return command
    .option(
      "-n, --network <name|file>",
      "network: devnet, testnet-0, testnet-1, mainnet-lite or a path to a network file (default: $CORTENSOR_NETWORK or devnet)",
    )
    .option(
      "--start-block <chainId=block>",
      "start block for a chain whose contracts have none in the network file (repeatable)",
      collectStartBlock,
    );
}
