import type { DatabaseHandle } from "../db/client.ts";
import type { PhaseRow } from "../db/control-schema/index.ts";
import { PhasesNeedPostgresError, UnknownPhaseError } from "./errors.ts";
import { parsePhaseId } from "./phase-id.ts";
import { listPhases, readIndexingPhase, readPhase, readServingPhase } from "./phase-store.ts";

/** Pool size of a handle opened for a phase other than the base handle's. */
const PHASE_POOL_SIZE = 3;

/** A phase and the handle that reads its tables; `phase` is undefined on an index without phases. */
export interface ResolvedPhase {
  phase: PhaseRow | undefined;
  database: DatabaseHandle;
}

/**
 * Hands out a database handle per phase: the base handle for the phase in its schema, and a small
 * pool of its own (search_path set to the phase's schema) for every other phase asked for. The
 * control tables are schema-qualified, so `base.db` reads them whatever the phase.
 */
export class PhaseDatabases {
  private readonly opened = new Map<string, Promise<DatabaseHandle>>();

  constructor(readonly base: DatabaseHandle) {}

  /** The handle of `phase`'s tables, opened on first use. */
  databaseOf(phase: PhaseRow): Promise<DatabaseHandle> {
    if (phase.schemaName === this.base.schemaName) return Promise.resolve(this.base);
    const openSchema = this.base.openSchema;
    if (!openSchema) {
      throw new PhasesNeedPostgresError(
        "phase",
        `phase "${phase.id}" cannot be read from the embedded database, which serves only the phase in its public schema: set DATABASE_URL`,
      );
    }
    let handle = this.opened.get(phase.schemaName);
    if (!handle) {
      handle = openSchema(phase.schemaName, PHASE_POOL_SIZE).catch((error) => {
        this.opened.delete(phase.schemaName);
        throw error;
      });
      this.opened.set(phase.schemaName, handle);
    }
    return handle;
  }

  /** The handle of the phase the workers write to (the base handle on an index without phases). */
  async indexing(): Promise<DatabaseHandle> {
    const phase = await readIndexingPhase(this.base.db);
    return phase ? this.databaseOf(phase) : this.base;
  }

  /**
   * The phase a request asked for, or the serving phase when it asked for none.
   * @throws UnknownPhaseError naming the known phases, InvalidPhaseIdError for a malformed id.
   */
  async resolve(phaseId?: string): Promise<ResolvedPhase> {
    if (phaseId === undefined) {
      const serving = await readServingPhase(this.base.db);
      return serving
        ? { phase: serving, database: await this.databaseOf(serving) }
        : { phase: undefined, database: this.base };
    }
    const phase = await readPhase(this.base.db, parsePhaseId("phase", phaseId));
    if (!phase) {
      const known = (await listPhases(this.base.db)).map((row) => row.id);
      throw new UnknownPhaseError(
        "phase",
        `unknown phase "${phaseId}"; known phases: ${known.length ? known.join(", ") : "none"}`,
      );
    }
    return { phase, database: await this.databaseOf(phase) };
  }

  /** Closes the handles this opened; the base handle stays with its owner. */
  async close(): Promise<void> {
    const handles = await Promise.allSettled(this.opened.values());
    this.opened.clear();
    for (const handle of handles) {
      if (handle.status === "fulfilled") await handle.value.close();
    }
  }
}
