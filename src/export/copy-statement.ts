import type { CompiledQuery } from "./export-query.ts";

/** The transaction-local settings that carry a COPY's parameters, `<prefix>1`, `<prefix>2`… */
const SETTING_PREFIX = "cortensor_export.p";

/** A COPY statement whose filter values travel as settings, and the statement that sets them. */
export interface CopyStatement {
  /** `select set_config($1, $2, true), …` with its parameters; null when there are none. */
  settings: CompiledQuery | null;
  /** The COPY itself: no parameters, the values read with `current_setting`. */
  copy: string;
}

/**
 * Turns a parameterised query into a COPY of its rows. COPY takes no bind parameters, and pasting
 * values into SQL text is what parameters exist to prevent: instead each `$n` becomes
 * `current_setting('cortensor_export.pn')`, set just before in the same transaction by a
 * parameterised `set_config(…, true)`, which ends with the transaction. Every parameter of an
 * export query carries its cast (`$n::int8`, see sql-conditions.ts), which the setting's text
 * then goes through.
 *
 * @param wrap builds the COPY from the query's text, e.g.
 *   `(select) => \`copy (${select}) to stdout with (format csv)\``.
 */
export function copyStatement(
  query: CompiledQuery,
  wrap: (select: string) => string,
): CopyStatement {
  const select = query.text.replace(/\$(\d+)(::)?/g, (placeholder, index: string, cast) => {
    if (!cast) throw new Error(`export query parameter ${placeholder} has no cast`);
    if (Number(index) > query.params.length) throw new Error(`no value for ${placeholder}`);
    return `current_setting('${SETTING_PREFIX}${index}')::`;
  });
  if (query.params.length === 0) return { settings: null, copy: wrap(select) };
  const calls = query.params.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
  return {
    settings: {
      text: `select ${calls.join(", ")}`,
      params: query.params.flatMap((value, i) => [`${SETTING_PREFIX}${i + 1}`, String(value)]),
    },
    copy: wrap(select),
  };
}
