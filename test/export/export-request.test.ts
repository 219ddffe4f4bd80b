import { describe, expect, it } from "vitest";
import { ExportRequestError } from "../../src/export/errors.ts";
import { type ExportParameters, parseExportRequest } from "../../src/export/export-request.ts";

const ADDRESS = `0x${"Ab".repeat(20)}`;

/** The parameter a rejected request names. */
function rejectedParameter(parameters: ExportParameters): string {
  try {
    parseExportRequest(parameters);
  } catch (error) {
    expect(error).toBeInstanceOf(ExportRequestError);
    return (error as ExportRequestError).argument;
  }
  throw new Error(`accepted ${JSON.stringify(parameters)}`);
}

describe("parseExportRequest", () => {
  it("reads every filter into typed values", () => {
    const request = parseExportRequest({
      kind: "tasks",
      format: "parquet",
      phase: "phase-2",
      chain: "31337",
      fromBlock: "10",
      toBlock: "20",
      from: "2024-01-01T00:00:00Z",
      to: "1704153600",
      session: [
        "1,2",
        "115792089237316195423570985008687907853269984665640564039457584007913129639935",
      ],
      owner: ADDRESS,
      miner: ADDRESS,
      status: "ENDED,COMMITTED",
    });
    expect(request).toEqual({
      kind: "tasks",
      format: "parquet",
      phase: "phase-2",
      filters: {
        chainIds: [31337],
        fromBlock: 10n,
        toBlock: 20n,
        from: 1704067200n,
        to: 1704153600n,
        sessionIds: [
          "1",
          "2",
          "115792089237316195423570985008687907853269984665640564039457584007913129639935",
        ],
        owner: ADDRESS.toLowerCase(),
        miner: ADDRESS.toLowerCase(),
        statuses: ["ENDED", "COMMITTED"],
      },
    });
  });

  it.each([
    [{ kind: "blocks", format: "csv" }, "kind"],
    [{ kind: "tasks", format: "xlsx" }, "format"],
    [{ kind: "tasks" }, "format"],
    [{ kind: "tasks", format: "csv", colour: "red" }, "colour"],
    [{ kind: "tasks", format: "csv", chain: "one" }, "chain"],
    [{ kind: "tasks", format: "csv", session: "1,x" }, "session"],
    [{ kind: "tasks", format: "csv", session: `1${"0".repeat(78)}` }, "session"],
    [{ kind: "tasks", format: "csv", owner: "0x12" }, "owner"],
    [{ kind: "tasks", format: "csv", from: "yesterday" }, "from"],
    [{ kind: "tasks", format: "csv", from: "2024-13-45T00:00:00Z" }, "from"],
    [{ kind: "tasks", format: "csv", chain: "1", fromBlock: "-5" }, "fromBlock"],
    [{ kind: "tasks", format: "csv", format2: "csv" }, "format2"],
    [{ kind: "tasks", format: ["csv", "ndjson"] }, "format"],
  ])("rejects malformed parameters: %j names %s", (parameters, name) => {
    expect(rejectedParameter(parameters)).toBe(name);
  });

  it.each([
    [{ kind: "events", format: "csv", status: "ENDED" }, "status"],
    [{ kind: "miners", format: "csv", owner: ADDRESS }, "owner"],
    [{ kind: "sessions", format: "csv", miner: ADDRESS }, "miner"],
    [{ kind: "events", format: "csv", session: "1" }, "session"],
  ])("rejects filters the kind does not take: %j names %s", (parameters, name) => {
    expect(rejectedParameter(parameters)).toBe(name);
  });

  it.each([
    [{ kind: "tasks", format: "csv", status: "DONE" }, "status"],
    [{ kind: "sessions", format: "csv", status: "ENDED" }, "status"],
    [{ kind: "tasks", format: "csv", chain: "1", fromBlock: "20", toBlock: "10" }, "toBlock"],
    [{ kind: "tasks", format: "csv", from: "2024-02-01", to: "2024-01-01" }, "to"],
    [{ kind: "tasks", format: "csv", fromBlock: "10" }, "fromBlock"],
    [{ kind: "tasks", format: "csv", chain: "1,2", toBlock: "10" }, "toBlock"],
  ])("rejects contradictory or inverted filters: %j names %s", (parameters, name) => {
    expect(rejectedParameter(parameters)).toBe(name);
  });

  it("says what a filter means for the kind when it does not apply", () => {
    expect(() => parseExportRequest({ kind: "events", format: "csv", owner: ADDRESS })).toThrow(
      "owner: does not apply to events exports",
    );
  });
});
