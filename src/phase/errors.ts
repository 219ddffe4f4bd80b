/**
 * Errors about phases that the caller caused: an unknown or malformed phase id, a reset that
 * conflicts with the phases that exist. `argument` names the parameter at fault; the API shows
 * these messages as they are (see api/errors.ts) and the CLI prints them on one line.
 */
export class PhaseError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
    this.name = new.target.name;
  }

  get extensions(): Record<string, unknown> {
    return { code: "BAD_USER_INPUT", argument: this.argument };
  }
}

/** A phase id that is not a valid id. */
export class InvalidPhaseIdError extends PhaseError {}

/** A phase id no phase has. */
export class UnknownPhaseError extends PhaseError {}

/** A reset to a phase that exists already and was not created by that same reset. */
export class PhaseExistsError extends PhaseError {}

/** A reset asked for while another one is still under way. */
export class ResetInProgressError extends PhaseError {}

/** Serving several phases at once needs one pool per phase schema, which only Postgres has. */
export class PhasesNeedPostgresError extends PhaseError {}
