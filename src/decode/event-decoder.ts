import { type AbiEvent, decodeEventLog, type Hex } from "viem";
import {
  compileParamDecoder,
  hexData,
  isHashedTopic,
  type ParamDecoder,
} from "./abi-hex-decoder.ts";

/** JSON-safe decoded arguments: uint/int as decimal strings, addresses and bytes lowercase hex. */
export type EventArgs = Record<string, unknown>;

/** Decodes one log of a known event: its arguments, or null when the log does not fit. */
export type EventDecoder = (topics: readonly Hex[], data: Hex) => EventArgs | null;

/** Converts viem's decoded values into plain JSON that Postgres jsonb stores without loss. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.startsWith("0x") ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]));
  }
  return value;
}

/** viem's strict decodeEventLog, for events whose types the hex decoder does not know. */
function viemDecoder(event: AbiEvent): EventDecoder {
  return (topics, data) => {
    try {
      const decoded = decodeEventLog({
        abi: [event],
        topics: topics as [Hex, ...Hex[]],
        data,
        strict: true,
      });
      return toJsonValue(decoded.args ?? {}) as EventArgs;
    } catch {
      return null;
    }
  };
}

interface CompiledInput {
  name: string;
  decode: ParamDecoder;
}

/**
 * The decoder of `event`: a topic per indexed input (dynamic types are stored hashed, so their
 * topic is kept as is) and the data's head/tail encoding for the others, read from the hex text.
 * Same results as viem's strict decodeEventLog + toJsonValue (test/decode proves it on every
 * event and on broken data), which remains the decoder of events with other types.
 *
 * @example
 * compileEventDecoder(taskAckedEvent)(log.topics, log.data); // { sessionId: "7", taskId: "0", miner: "0xab…" }
 */
export function compileEventDecoder(event: AbiEvent): EventDecoder {
  const indexed: CompiledInput[] = [];
  const data: CompiledInput[] = [];
  for (const input of event.inputs) {
    const decode = input.indexed && isHashedTopic(input) ? null : compileParamDecoder(input);
    if (!input.name || (!decode && !(input.indexed && isHashedTopic(input)))) {
      return viemDecoder(event);
    }
    const target = input.indexed ? indexed : data;
    target.push({ name: input.name, decode: decode ?? ((topic) => `0x${topic.hex}`) });
  }
  const fallback = viemDecoder(event);
  return (topics, rawData) => {
    if (topics.length - 1 < indexed.length) return null;
    const args: EventArgs = {};
    try {
      for (let i = 0; i < indexed.length; i++) {
        const input = indexed[i] as CompiledInput;
        const topic = hexData(topics[i + 1] as string);
        if (!topic) return fallback(topics, rawData);
        args[input.name] = input.decode(topic, 0);
      }
      if (data.length === 0) return args;
      if (!rawData || rawData === "0x") return null;
      const hex = hexData(rawData);
      if (!hex) return fallback(topics, rawData);
      if (hex.size < 32) return null;
      for (let i = 0; i < data.length; i++) {
        const input = data[i] as CompiledInput;
        args[input.name] = input.decode(hex, i * 32);
      }
      return args;
    } catch {
      return null;
    }
  };
}
