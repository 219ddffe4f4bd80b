import type { DatabaseHandle } from "../db/client.ts";
import { UnknownPhaseError } from "../phase/errors.ts";
import type { PhaseDatabases } from "../phase/phase-databases.ts";

/**
 * The database whose domain tables hold `phase` (undefined = the phase being served).
 * @throws UnknownPhaseError (a 400 naming `phase`) for a phase it does not know.
 */
export type PhaseDatabaseResolver = (phase: string | undefined) => Promise<DatabaseHandle>;

/**
 * The resolver of an index without phases: the app's own database, and no named phase. A
 * deployment with phases passes a resolver over its phase registry instead.
 */
export function singlePhaseResolver(database: DatabaseHandle): PhaseDatabaseResolver {
  return async (phase) => {
    if (phase === undefined) return database;
    throw new UnknownPhaseError("phase", `unknown phase "${phase}": this index has no phases`);
  };
}

/** The resolver over a phase registry: the serving phase by default, any phase by id. */
export function phaseRegistryResolver(phases: PhaseDatabases): PhaseDatabaseResolver {
  return async (phase) => (await phases.resolve(phase)).database;
}
