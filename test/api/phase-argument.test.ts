import { describe, expect, it } from "vitest";
import { requestedPhase } from "../../src/api/graphql/phase-argument.ts";

describe("requestedPhase", () => {
  it("is undefined when no root field names a phase", () => {
    expect(requestedPhase({ query: "{ tasks(first: 1) { totalCount } }" })).toBeUndefined();
  });

  it("reads literals, variables and root fields inside fragments", () => {
    expect(requestedPhase({ query: '{ tasks(phase: "phase-3") { totalCount } }' })).toBe("phase-3");
    expect(
      requestedPhase({
        query: "query($p: String) { tasks(phase: $p) { totalCount } }",
        variables: { p: "phase-4" },
      }),
    ).toBe("phase-4");
    expect(
      requestedPhase({
        query:
          'query Q { ...Root } fragment Root on Query { sessions(phase: "old") { totalCount } }',
        operationName: "Q",
      }),
    ).toBe("old");
  });

  it("ignores a variable left unset (the serving phase)", () => {
    expect(
      requestedPhase({ query: "query($p: String) { tasks(phase: $p) { totalCount } }" }),
    ).toBeUndefined();
  });

  it("refuses root fields that ask for different phases, naming the argument", () => {
    expect(() =>
      requestedPhase({
        query: '{ a: tasks(phase: "one") { totalCount } b: tasks(phase: "two") { totalCount } }',
      }),
    ).toThrow(/^phase: all root fields of one operation must read the same phase$/);
  });

  it("picks the operation by name among several", () => {
    const query =
      'query A { tasks(phase: "a") { totalCount } } query B { tasks(phase: "b") { totalCount } }';
    expect(requestedPhase({ query, operationName: "B" })).toBe("b");
  });
});
