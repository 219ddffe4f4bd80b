import { type AbiEvent, decodeEventLog, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { cortensorAbis } from "../../abis/index.ts";
import { compileEventDecoder, toJsonValue } from "../../src/decode/event-decoder.ts";
import { SeededRandom } from "../../src/devnet/random.ts";
import { encodeSampleLog, sampleArgs } from "../fixtures/abi-samples.ts";

/** What the indexer stored before the hex decoder: viem's strict decodeEventLog, as JSON. */
function viemReference(event: AbiEvent, topics: Hex[], data: Hex): unknown {
  try {
    const decoded = decodeEventLog({
      abi: [event],
      topics: topics as [Hex, ...Hex[]],
      data,
      strict: true,
    });
    return toJsonValue(decoded.args ?? {});
  } catch {
    return null;
  }
}

const everyEvent = Object.entries(cortensorAbis).flatMap(([kind, generations]) =>
  Object.entries(generations).flatMap(([generation, abi]) =>
    (abi as readonly { type: string }[])
      .filter((item) => item.type === "event")
      .map((item) => ({
        event: item as AbiEvent,
        label: `${kind} ${generation} ${(item as AbiEvent).name}`,
      })),
  ),
);

/** Broken variants of a log's data: cut short, offsets and lengths bent, words flipped. */
function brokenData(data: Hex, random: SeededRandom): Hex[] {
  const hex = data.slice(2);
  const words = hex.length / 64;
  const variants: string[] = [
    "",
    hex.slice(0, 62),
    hex.slice(0, hex.length - 2),
    hex.slice(0, Math.max(0, hex.length - 64)),
    `${hex}00`,
    `${hex}0`,
    `${hex.slice(0, 10)}zz${hex.slice(12)}`,
  ];
  for (let w = 0; w < words; w++) {
    for (const replacement of [
      "f".repeat(64),
      `${"0".repeat(62)}02`,
      (hex.length / 2).toString(16).padStart(64, "0"),
      (hex.length / 2 - 1).toString(16).padStart(64, "0"),
      "0".repeat(48) + "f".repeat(16),
      "1".padStart(64, "0"),
    ]) {
      variants.push(hex.slice(0, w * 64) + replacement + hex.slice((w + 1) * 64));
    }
  }
  for (let i = 0; i < 20 && hex.length > 0; i++) {
    const at = random.int(0, hex.length - 1);
    variants.push(`${hex.slice(0, at)}${random.int(0, 15).toString(16)}${hex.slice(at + 1)}`);
  }
  return variants.map((variant) => `0x${variant}` as Hex);
}

describe("compileEventDecoder", () => {
  it.each(everyEvent)("decodes $label exactly like viem", ({ event }) => {
    const decode = compileEventDecoder(event);
    for (const seed of [1, 7, 300]) {
      const log = encodeSampleLog(event, sampleArgs(event, seed));
      expect(decode(log.topics, log.data)).toEqual(viemReference(event, log.topics, log.data));
      expect(decode(log.topics, log.data)).not.toBeNull();
    }
  });

  it.each(everyEvent)("refuses broken logs of $label exactly where viem does", ({ event }) => {
    const decode = compileEventDecoder(event);
    const random = new SeededRandom(event.inputs.length + 11);
    const log = encodeSampleLog(event, sampleArgs(event, 3));
    for (const data of brokenData(log.data, random)) {
      expect(decode(log.topics, data), data).toEqual(viemReference(event, log.topics, data));
    }
    const topicVariants = [log.topics.slice(0, -1), [...log.topics, log.topics[0] as Hex]];
    for (const topics of topicVariants) {
      expect(decode(topics, log.data)).toEqual(viemReference(event, topics, log.data));
    }
  });

  it("keeps strings verbatim, lowercasing only those that look like hex (as toJsonValue did)", () => {
    const event = cortensorAbis.SessionQueueV2.gen3.find(
      (item) => item.type === "event" && item.name === "TaskQueued",
    ) as AbiEvent;
    for (const taskData of ["\uFEFFbom first", "0xABCDEF", "tab\tand\nnewline", "ünïcødé ✓", ""]) {
      const log = encodeSampleLog(event, { sessionId: 1n, taskId: 2n, globalId: 3n, taskData });
      expect(compileEventDecoder(event)(log.topics, log.data)).toEqual(
        viemReference(event, log.topics, log.data),
      );
    }
  });
});
