import { describe, expect, it } from "vitest";
import { copyStatement } from "../../src/export/copy-statement.ts";

const wrap = (select: string) => `copy (${select}) to stdout`;

describe("copyStatement", () => {
  it("moves every parameter into a transaction setting read back with its cast", () => {
    const statement = copyStatement(
      {
        text: "select * from tasks t where t.chain_id in ($1::int4, $2::int4) and t.owner = $3::text",
        params: ["1", "2", "0xab'; drop table tasks; --"],
      },
      wrap,
    );
    expect(statement.copy).toBe(
      "copy (select * from tasks t where t.chain_id in (current_setting('cortensor_export.p1')::int4, current_setting('cortensor_export.p2')::int4) and t.owner = current_setting('cortensor_export.p3')::text) to stdout",
    );
    expect(statement.settings).toEqual({
      text: "select set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true)",
      params: [
        "cortensor_export.p1",
        "1",
        "cortensor_export.p2",
        "2",
        "cortensor_export.p3",
        "0xab'; drop table tasks; --",
      ],
    });
  });

  it("needs no settings for a query without parameters", () => {
    expect(copyStatement({ text: "select 1", params: [] }, wrap)).toEqual({
      settings: null,
      copy: "copy (select 1) to stdout",
    });
  });

  it("refuses a parameter without a cast, whose setting would be read as text", () => {
    expect(() => copyStatement({ text: "select $1", params: ["1"] }, wrap)).toThrow(/no cast/);
  });
});
