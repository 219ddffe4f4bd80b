import type { NetworkConfig } from "../config/load-network.ts";
import type { PhaseRow } from "../db/control-schema/index.ts";
import type { Logger } from "../logger/create-logger.ts";
import type { PhaseDatabases } from "../phase/phase-databases.ts";
import { networkOfPhase } from "../phase/phase-network.ts";
import { listPhases, readIndexingPhase } from "../phase/phase-store.ts";
import type { SyncTarget } from "./chain-jobs.ts";
import type { ArchivedLogStore } from "./reuse-archived-logs.ts";

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
  const networkOf = (phase: PhaseRow) => {
    let network = networks.get(phase.id);
    if (!network) {
      network = networkOfPhase(phase, env);
      networks.set(phase.id, network);
    }
    return network;
  };
  let archived: { indexing: string; stores: Promise<ArchivedLogStore[]> } | undefined;
  const archivedStores = (indexing: string) => {
    // Archived phases only change with a reset, which also changes the indexing phase.
    if (archived?.indexing !== indexing) {
      archived = { indexing, stores: readArchivedStores(phases, networkOf) };
    }
    return archived.stores;
  };
  return async () => {
    const phase = await readIndexingPhase(phases.base.db);
    if (!phase) return { phaseId: null, network: configured, database: phases.base };
    const known = networks.has(phase.id);
    const network = networkOf(phase);
    if (!known && network.name !== configured.name) {
      logger.warn(
        { phase: phase.id, phaseNetwork: network.name, configured: configured.name },
        `indexing phase "${phase.id}" follows network "${network.name}"; the configured network is ignored (a reset changes it)`,
      );
    }
    return {
      phaseId: phase.id,
      network,
      database: await phases.databaseOf(phase),
      archived: await archivedStores(phase.id),
    };
  };
}

async function readArchivedStores(
  phases: PhaseDatabases,
  networkOf: (phase: PhaseRow) => NetworkConfig,
): Promise<ArchivedLogStore[]> {
  const archived = (await listPhases(phases.base.db)).filter((row) => row.status === "archived");
  return Promise.all(
    archived.map(async (row) => ({
      phaseId: row.id,
      network: networkOf(row),
      db: (await phases.databaseOf(row)).db,
    })),
  );
}
