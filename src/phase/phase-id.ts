import { InvalidPhaseIdError } from "./errors.ts";

/** Lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit: `phase-4`. */
const PHASE_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/**
 * Validates a phase id as given by an operator (`--phase`, the `phase` argument).
 *
 * @example
 * parsePhaseId("--phase", "phase-4"); // "phase-4"
 * parsePhaseId("--phase", "Phase 4"); // throws InvalidPhaseIdError
 */
export function parsePhaseId(argument: string, value: string): string {
  if (!PHASE_ID.test(value)) {
    throw new InvalidPhaseIdError(
      argument,
      `"${value}" is not a phase id: use 1-63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
  return value;
}

/**
 * The Postgres schema of the phase created `seq`-th. Derived from the sequence, not the id, so
 * any id maps to a short, safe identifier. The first phase keeps `public`, where an index made
 * before phases existed already has its tables.
 */
export function schemaNameOfPhase(seq: number): string {
  return seq === 1 ? "public" : `phase_${seq}`;
}
