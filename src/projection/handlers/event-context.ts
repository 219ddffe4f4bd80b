import type { ProjectedLog } from "../../decode/decode-log.ts";
import type { ProjectionState } from "../projection-state.ts";

/** What a handler gets: the batch state, the log, and typed readers of its decoded arguments. */
export interface EventContext {
  state: ProjectionState;
  log: ProjectedLog;
  chainId: number;
  block: bigint;
  timestamp: bigint;
  contract: string;
  /** A uint/int argument as a decimal string. */
  num(name: string): string;
  /** An address, bytes or string argument (addresses lowercase). */
  text(name: string): string;
  list(name: string): string[];
  bool(name: string): boolean;
}

export type EventHandler = (ctx: EventContext) => void;

export function createEventContext(state: ProjectionState, log: ProjectedLog): EventContext {
  const args = log.args ?? {};
  return {
    state,
    log,
    chainId: log.chainId,
    block: log.blockNumber,
    timestamp: log.blockTimestamp,
    contract: log.address.toLowerCase(),
    num: (name) => String(args[name]),
    text: (name) => String(args[name]),
    list: (name) => (args[name] as string[] | undefined) ?? [],
    bool: (name) => args[name] === true,
  };
}
