import type { NetworkConfig } from "../config/load-network.ts";
import type { Logger } from "../logger/create-logger.ts";
import type { PhaseDatabases } from "../phase/phase-databases.ts";
import { networkOfPhase } from "../phase/phase-network.ts";
import { readIndexingPhase } from "../phase/phase-store.ts";
import type { SyncTarget } from "./chain-jobs.ts";

/**
 * The sync target of whatever phase is indexing now, read from the control tables on each call
 * (one indexed row): this is how running workers learn about a reset. The phase's recorded
 * network decides what is indexed; `configured` (the process's --network) only gets a warning
 * when it disagrees, since a reset, not a restart, changes what an index follows.
 */
export function followIndexingPhase(
  phases: PhaseDatabases,
  configured: NetworkConfig,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): () => Promise<SyncTarget> {
  const networks = new Map<string, NetworkConfig>();
  return async () => {
    const phase = await readIndexingPhase(phases.base.db);
    if (!phase) return { phaseId: null, network: configured, database: phases.base };
    let network = networks.get(phase.id);
    if (!network) {
      network = networkOfPhase(phase, env);
      networks.set(phase.id, network);
      if (network.name !== configured.name) {
        logger.warn(
          { phase: phase.id, phaseNetwork: network.name, configured: configured.name },
          `indexing phase "${phase.id}" follows network "${network.name}"; the configured network is ignored (a reset changes it)`,
        );
      }
    }
    return { phaseId: phase.id, network, database: await phases.databaseOf(phase) };
  };
}
