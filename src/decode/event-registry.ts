import { type AbiEvent, toEventSelector } from "viem";
import { type ContractKind, cortensorAbis } from "../../abis/index.ts";
import { compileEventDecoder, type EventDecoder } from "./event-decoder.ts";

/** One way to decode a topic0: the ABI event, the generation it comes from, and its decoder. */
export interface EventCandidate {
  generation: string;
  event: AbiEvent;
  decode: EventDecoder;
}

/** topic0 → candidates, the generations that declare the same event listed once. */
export type KindEventTable = Map<`0x${string}`, EventCandidate[]>;

const tables = new Map<ContractKind, KindEventTable>();

/** The canonical signature with `indexed` flags, so identical declarations are stored once. */
function declarationKey(event: AbiEvent): string {
  const inputs = event.inputs.map((input) => `${input.type}${input.indexed ? " indexed" : ""}`);
  return `${event.name}(${inputs.join(",")})`;
}

/**
 * The events of every ABI generation of a contract kind, keyed by topic0.
 * Built once per kind and cached: decoding is on the hot path.
 *
 * @example
 * eventTableFor("SessionQueueV2").get(toEventSelector("TaskQueued(uint256,uint256,uint256,string)"));
 */
export function eventTableFor(kind: ContractKind): KindEventTable {
  const cached = tables.get(kind);
  if (cached) return cached;
  const table: KindEventTable = new Map();
  const seen = new Set<string>();
  for (const [generation, abi] of Object.entries(cortensorAbis[kind])) {
    for (const item of abi as readonly { type: string }[]) {
      if (item.type !== "event") continue;
      const event = item as AbiEvent;
      const key = declarationKey(event);
      if (seen.has(key)) continue;
      seen.add(key);
      const topic0 = toEventSelector(event);
      const list = table.get(topic0) ?? [];
      list.push({ generation, event, decode: compileEventDecoder(event) });
      table.set(topic0, list);
    }
  }
  tables.set(kind, table);
  return table;
}

/** Every topic0 the indexer can decode for a contract kind (the eth_getLogs topic filter). */
export function knownTopics(kind: ContractKind): `0x${string}`[] {
  return [...eventTableFor(kind).keys()];
}
