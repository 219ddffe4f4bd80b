import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { BullmqWorkQueue, type RunningJob } from "../../src/queue/bullmq-work-queue.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import type { OneOffJob, WorkJob, WorkQueue } from "../../src/queue/work-queue.ts";
import { TEST_REDIS_URL, uniqueQueuePrefix } from "../fixtures/redis.ts";
import { waitFor } from "../fixtures/wait-for.ts";

const job = (id: string): OneOffJob => ({ id, name: "fetch-logs", data: { id } });

/** Records every job the handler ran, holding each until `release` is called. */
function recordingHandler() {
  const ran: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  let open = false;
  return {
    ran,
    mostAtOnce: () => mostAtOnce,
    release: () => {
      open = true;
    },
    handler: async (work: WorkJob) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      ran.push(`${work.name}:${String(work.data.id ?? "")}`);
      while (!open) await sleep(5);
      running -= 1;
    },
  };
}

const queues: WorkQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
});

for (const kind of ["in-process", "bullmq"] as const) {
  describe(`one-off jobs on the ${kind} queue`, () => {
    const open = (): WorkQueue => {
      const queue =
        kind === "bullmq"
          ? new BullmqWorkQueue({ redisUrl: TEST_REDIS_URL, prefix: uniqueQueuePrefix("oneoff") })
          : new InProcessWorkQueue();
      queues.push(queue);
      return queue;
    };

    it("runs a job once while its id waits or runs, and again once it settled", async () => {
      const queue = open();
      const recorder = recordingHandler();
      await queue.enqueue([job("a"), job("a"), job("b")]);
      await queue.enqueue([job("a")]);
      await queue.startProcessing(recorder.handler, 4);
      await waitFor("both jobs to start", async () => recorder.ran.length === 2);
      await queue.enqueue([job("a")]);
      recorder.release();
      await sleep(200);
      expect([...recorder.ran].sort()).toEqual(["fetch-logs:a", "fetch-logs:b"]);

      await queue.enqueue([job("a")]);
      await waitFor("the settled id to run again", async () => recorder.ran.length === 3);
      expect(recorder.ran[2]).toBe("fetch-logs:a");
    });

    it("never holds a due repeating job back behind waiting one-off jobs", async () => {
      const queue = open();
      const recorder = recordingHandler();
      await queue.enqueue([job("j1"), job("j2"), job("j3")]);
      await queue.scheduleRepeating({
        key: "sync",
        name: "chain-sync",
        data: {},
        everyMs: 60_000,
      });
      // One slot (BullMQ): the repeating job must be the one that takes it.
      await queue.startProcessing(recorder.handler, 1);
      await waitFor("the repeating job to run", async () => recorder.ran.includes("chain-sync:"));
      recorder.release();
      await waitFor("every job to run", async () => recorder.ran.length === 4);
    });
  });
}

describe("closing the BullMQ work queue", () => {
  it("waits for running jobs only so long: a job that never settles does not hold it", async () => {
    let leftRunning: RunningJob[] = [];
    const queue = new BullmqWorkQueue({
      redisUrl: TEST_REDIS_URL,
      prefix: uniqueQueuePrefix("close"),
      activeJobsGraceMs: 500,
      onJobsLeftRunning: (jobs) => {
        leftRunning = jobs;
      },
    });
    let started = false;
    await queue.enqueue([job("stuck")]);
    await queue.startProcessing(async () => {
      started = true;
      await new Promise(() => {});
    }, 1);
    await waitFor("the job to start", async () => started);
    const closing = Date.now();
    await queue.close();
    expect(Date.now() - closing).toBeLessThan(5_000);
    expect(leftRunning).toEqual([
      expect.objectContaining({ id: "stuck", name: "fetch-logs", data: { id: "stuck" } }),
    ]);
    expect(leftRunning[0]?.runningMs).toBeGreaterThanOrEqual(500);
  });
});

describe("a job that lost its lock on the BullMQ work queue", () => {
  it("is reported once as such, not as Redis being unavailable", async () => {
    const prefix = uniqueQueuePrefix("lock");
    const lockLost: string[] = [];
    const redisErrors: string[] = [];
    const queue = new BullmqWorkQueue({
      redisUrl: TEST_REDIS_URL,
      prefix,
      onJobLockLost: (error) => lockLost.push(error.message),
      onRedisError: (error) => redisErrors.push(error.message),
    });
    queues.push(queue);
    let started = false;
    let finished = false;
    await queue.enqueue([job("slow")]);
    await queue.startProcessing(async () => {
      started = true;
      await waitFor("the lock loss to be reported", async () => lockLost.length > 0, 20_000);
      // Through the next renewal, which fails again.
      await sleep(6_000);
      finished = true;
    }, 1);
    await waitFor("the job to start", async () => started);
    // What a stall longer than the lock's duration leaves: the lock expired (another worker
    // may have taken the job since).
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.del(`${prefix}:${queue.name}:slow:lock`)).toBe(1);
    } finally {
      redis.disconnect();
    }
    await waitFor("the lock loss to be reported", async () => lockLost.length > 0, 20_000);
    expect(lockLost[0]).toContain("slow");
    await waitFor("the job to finish", async () => finished, 20_000);
    // Settling without the lock fails too ("Missing lock"): still the one report.
    await sleep(500);
    expect(lockLost).toHaveLength(1);
    expect(redisErrors).toEqual([]);
  });
});
