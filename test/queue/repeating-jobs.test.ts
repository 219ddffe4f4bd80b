import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { BullmqWorkQueue, type ScheduleFault } from "../../src/queue/bullmq-work-queue.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

const redis = new Redis(TEST_REDIS_URL);
const queues: BullmqWorkQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
});
afterAll(() => redis.disconnect());

/** Every key of the queue under `prefix` (BullMQ's keys are `<prefix>:<queue name>:…`). */
async function keysOf(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== "0");
  return keys;
}

/**
 * A queue with one job scheduled every 100 ms, not yet processed: what Redis holds of it can be
 * taken away before any worker looks.
 */
async function scheduledQueue(scheduleCheckMs: number) {
  const prefix = uniqueQueuePrefix("repeat");
  const repairs: [string, ScheduleFault][] = [];
  const queue = new BullmqWorkQueue({
    redisUrl: TEST_REDIS_URL,
    prefix,
    scheduleCheckMs,
    onScheduleRepaired: (key, fault) => repairs.push([key, fault]),
  });
  queues.push(queue);
  await queue.scheduleRepeating({ key: "tick:1", name: "tick", data: {}, everyMs: 100 });
  let runs = 0;
  return {
    prefix,
    repairs,
    runs: () => runs,
    process: () =>
      queue.startProcessing(async () => {
        runs += 1;
      }, 2),
  };
}

describe("repeating jobs on BullMQ", () => {
  it("are scheduled again when Redis lost every key of the queue", async () => {
    const ticking = await scheduledQueue(300);
    await redis.del(...(await keysOf(ticking.prefix)));
    await ticking.process();
    await waitFor("the lost schedule to run again", async () => ticking.runs() >= 3);
    expect(ticking.repairs).toEqual([["tick:1", "schedule missing"]]);
  });

  it("are scheduled again when the schedule's next run is gone", async () => {
    const ticking = await scheduledQueue(300);
    // All but the schedule itself (the `repeat` set and the schedule's hash): its next job too.
    const repeat = `${ticking.prefix}:cortensor-indexer:repeat`;
    const rest = (await keysOf(ticking.prefix)).filter(
      (key) => key !== repeat && key !== `${repeat}:tick:1`,
    );
    expect(rest).toContain(`${repeat}:tick:1:${await redis.zscore(repeat, "tick:1")}`);
    await redis.del(...rest);
    await ticking.process();
    await waitFor("the stuck schedule to run again", async () => ticking.runs() >= 3);
    expect(ticking.repairs).toEqual([["tick:1", "next run missing"]]);
  });

  it("are left alone while they run", async () => {
    const ticking = await scheduledQueue(100);
    await ticking.process();
    await sleep(1_000);
    expect(ticking.runs()).toBeGreaterThanOrEqual(5);
    expect(ticking.repairs).toEqual([]);
  });
});
