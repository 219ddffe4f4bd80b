import { type LoadNetworkOptions, loadNetwork } from "../config/load-network.ts";
import type { PhaseResetRow, ResetState, SwitchMode } from "../db/control-schema/index.ts";
import { PhaseError } from "../phase/errors.ts";
import { parsePhaseId } from "../phase/phase-id.ts";
import { readIndexingPhase } from "../phase/phase-store.ts";
import { requestReset } from "./request-reset.ts";
import { driveReset, type ResetContext } from "./run-reset.ts";

export const SWITCH_MODES: readonly SwitchMode[] = ["immediate", "when-ready"];

/** A reset as the CLI, the HTTP endpoint and the GraphQL mutation receive it. */
export interface ResetCommand {
  phase: string;
  /** A bundled network name or a path to a network file, as `--network` takes. */
  network: string;
  startBlocks?: Map<number, bigint>;
  switch?: SwitchMode;
  requestedBy: string;
  /** Environment for RPC overrides while loading the network (default: process.env). */
  env?: NodeJS.ProcessEnv;
  afterStep?: (state: ResetState) => Promise<void> | void;
}

export interface ResetOutcome {
  /** False when the phase id named an existing reset: nothing new was done. */
  created: boolean;
  reset: PhaseResetRow;
}

/**
 * Validates a reset, journals it and drives it to its end. Everything a caller can get wrong
 * (phase id, network, start blocks, switch mode) is checked before anything is written.
 * Asking again for a reset that exists reports it (waiting for it if it is still under way).
 *
 * @example
 * const { reset } = await performReset(context, {
 *   phase: "phase-5", network: "testnet-1", requestedBy: "cli:ops",
 * });
 * reset.state; // "completed"
 */
export async function performReset(
  context: ResetContext,
  command: ResetCommand,
): Promise<ResetOutcome> {
  const phaseId = parsePhaseId("phase", command.phase);
  const switchMode = command.switch ?? "immediate";
  if (!SWITCH_MODES.includes(switchMode)) {
    throw new PhaseError("switch", `expected one of ${SWITCH_MODES.join(", ")}`);
  }
  const loadOptions: LoadNetworkOptions = { env: command.env, startBlocks: command.startBlocks };
  const network = loadNetwork(command.network, loadOptions);
  if (!network.chains.some((chain) => chain.contracts.length > 0)) {
    throw new PhaseError(
      "network",
      `network "${network.name}" has no contract with a known address and start block: give --start-block`,
    );
  }
  if (!(await readIndexingPhase(context.database.db))) {
    throw new PhaseError(
      "phase",
      "no phase is recorded yet: start the indexer once (it records the first phase) before a reset",
    );
  }
  const startBlocks = Object.fromEntries(
    [...(command.startBlocks ?? [])].map(([chainId, block]) => [String(chainId), String(block)]),
  );
  const { created } = await requestReset(context.database, {
    phaseId,
    network,
    requestedBy: command.requestedBy,
    options: { network: command.network, startBlocks, switch: switchMode },
  });
  if (created) await command.afterStep?.("requested");
  const reset = await driveReset(context, phaseId, { afterStep: command.afterStep });
  return { created, reset };
}
