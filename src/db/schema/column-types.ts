import { bigint, numeric } from "drizzle-orm/pg-core";

/** uint256 as numeric(78,0), read as a decimal string. */
export const uint256 = (name: string) => numeric(name, { precision: 78, scale: 0 });
export const blockNumber = (name: string) => bigint(name, { mode: "bigint" });
/** Unix seconds. */
export const unixTime = (name: string) => bigint(name, { mode: "bigint" });

type PhaseColumns<P extends string> = {
  [K in P as `${K}Block`]: ReturnType<typeof blockNumber>;
} & {
  [K in P as `${K}At`]: ReturnType<typeof unixTime>;
};

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * A `<phase>Block` / `<phase>At` column pair per phase: the block and unix time a lifecycle phase
 * was first reached (null until then).
 *
 * @example
 * pgTable("tasks", { ...phaseColumns(["queued", "ended"]) }); // queued_block, queued_at, ended_block, ended_at
 */
export function phaseColumns<const P extends string>(phases: readonly P[]): PhaseColumns<P> {
  return Object.fromEntries(
    phases.flatMap((phase) => [
      [`${phase}Block`, blockNumber(`${snakeCase(phase)}_block`)],
      [`${phase}At`, unixTime(`${snakeCase(phase)}_at`)],
    ]),
  ) as PhaseColumns<P>;
}
