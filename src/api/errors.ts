import { ConfigError } from "../config/errors.ts";
import { PhaseError } from "../phase/errors.ts";

/**
 * Base of the errors a client causes by what it sent. Their messages are shown as they are, while
 * every other error reaching GraphQL is masked (see graphql/yoga.ts). graphql-js copies
 * `extensions` onto the GraphQL error it wraps them in.
 */
export class ClientError extends Error {
  get extensions(): Record<string, unknown> {
    return { code: "BAD_USER_INPUT" };
  }

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A client error about one argument or input field, named by its path (e.g. `where.sessionId`). */
export class ApiInputError extends ClientError {
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.argument = argument;
  }

  override get extensions(): Record<string, unknown> {
    return { ...super.extensions, argument: this.argument };
  }
}

/** `first` is negative or above the page-size cap. */
export class PageSizeError extends ApiInputError {}

/** `after` is not a cursor this API issued for the same ordering. */
export class InvalidCursorError extends ApiInputError {}

/** A filter or key value that is not valid for its field (bad number, address, range). */
export class InvalidValueError extends ApiInputError {}

/** A range argument that is inverted or spans more than one query may aggregate. */
export class InvalidRangeError extends ApiInputError {}

/** A chain the indexer has not indexed any block of. */
export class ChainNotIndexedError extends ApiInputError {}

/** A block above the chain's last indexed block: an answer for it would not be final. */
export class BlockNotIndexedError extends ApiInputError {}

/** An admin action without a valid admin token: HTTP 401 and nothing done. */
export class UnauthenticatedError extends ClientError {
  override get extensions(): Record<string, unknown> {
    return { code: "UNAUTHENTICATED", http: { status: 401 } };
  }
}

/** A BigInt input that is not a decimal integer; graphql-js prefixes the variable path. */
export class BigIntSyntaxError extends ClientError {}

/**
 * Whether an error, or one it wraps (`originalError`), was caused by the client: the API's own
 * input errors, a phase the caller got wrong, a network an admin named that does not load.
 */
export function isCausedByClient(error: unknown): boolean {
  for (let current = error; current instanceof Error; ) {
    if (
      current instanceof ClientError ||
      current instanceof PhaseError ||
      current instanceof ConfigError
    ) {
      return true;
    }
    current = (current as { originalError?: unknown }).originalError;
  }
  return false;
}
