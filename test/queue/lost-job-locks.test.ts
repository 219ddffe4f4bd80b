import { describe, expect, it } from "vitest";
import { jobWithLostLock, tellLostLocksOnce } from "../../src/queue/lost-job-locks.ts";

describe("BullMQ's lost-lock errors", () => {
  it("names the job of each kind of lost lock, and nothing for other errors", () => {
    const id = (message: string) => jobWithLostLock(new Error(message));
    expect(id("could not renew lock for job repeat:chain-sync:31337:1796464119222")).toBe(
      "repeat:chain-sync:31337:1796464119222",
    );
    expect(id("Missing lock for job fetch-logs_31337_0_700_4a90dac58e22. moveToFinished")).toBe(
      "fetch-logs_31337_0_700_4a90dac58e22",
    );
    expect(id("Missing key for job repeat:task-results:1:17. moveToDelayed")).toBe(
      "repeat:task-results:1:17",
    );
    expect(id("Lock mismatch for job x1. Cmd moveToFinished from active")).toBe("x1");
    expect(id("Connection is closed.")).toBeNull();
    expect(id("connect ECONNREFUSED 127.0.0.1:6379")).toBeNull();
  });

  it("tells each job's lost lock once, and other errors not at all", () => {
    const told: string[] = [];
    const listen = tellLostLocksOnce((error) => told.push(error.message));
    listen(new Error("could not renew lock for job a"));
    listen(new Error("could not renew lock for job a"));
    listen(new Error("Missing lock for job a. moveToFinished"));
    listen(new Error("could not renew lock for job b"));
    listen(new Error("Connection is closed."));
    expect(told).toEqual(["could not renew lock for job a", "could not renew lock for job b"]);
  });
});
