/**
 * The SQLSTATE of a Postgres error, or of the one it wraps (Drizzle's `cause`, GraphQL's
 * `originalError`); undefined when none of them came from Postgres.
 *
 * @example
 * if (sqlStateOf(error) === UNDEFINED_TABLE) … // the schema was never migrated
 */
export function sqlStateOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); ) {
    seen.add(current);
    const { code } = current as { code?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
  return undefined;
}

/** A statement named a table that does not exist. */
export const UNDEFINED_TABLE = "42P01";

/** A statement Postgres cancelled (statement_timeout, or a cancel request). */
export const QUERY_CANCELED = "57014";
