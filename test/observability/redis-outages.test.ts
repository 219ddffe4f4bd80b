import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reportRedisOutages } from "../../src/observability/redis-outages.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("reportRedisOutages", () => {
  it("reports one error per outage, whichever client fails and however often", () => {
    vi.useFakeTimers();
    const connection = new EventEmitter();
    const worker = new EventEmitter();
    const reports: string[] = [];
    const watch = reportRedisOutages(connection, (error) => reports.push(error.message));
    watch(connection);
    watch(worker);

    connection.emit("error", new Error("refused 1"));
    worker.emit("error", new Error("refused 2"));
    connection.emit("error", new Error("refused 3"));
    expect(reports).toEqual(["refused 1"]);

    // One client back while another still reconnects: the same outage.
    connection.emit("ready");
    worker.emit("error", new Error("refused 4"));
    expect(reports).toEqual(["refused 1"]);

    // Back for good, then down again later: a new outage.
    vi.advanceTimersByTime(30_000);
    connection.emit("ready");
    worker.emit("error", new Error("refused 5"));
    expect(reports).toEqual(["refused 1", "refused 5"]);
  });

  it("keeps errors from going unhandled even without a reporter", () => {
    const connection = new EventEmitter();
    reportRedisOutages(connection)(connection);
    expect(() => connection.emit("error", new Error("refused"))).not.toThrow();
  });
});
