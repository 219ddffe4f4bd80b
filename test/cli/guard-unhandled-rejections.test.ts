import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

/** Runs a script that installs the guard, then rejects a promise nobody holds with `code`. */
function rejectUnheld(code: string, message = "lost") {
  const dir = mkdtempSync(join(tmpdir(), "guard-"));
  const script = join(dir, "reject.mts");
  writeFileSync(
    script,
    `import { guardUnhandledRejections } from ${JSON.stringify(join(root, "src/cli/guard-unhandled-rejections.ts"))};
import { createLogger } from ${JSON.stringify(join(root, "src/logger/create-logger.ts"))};
guardUnhandledRejections(createLogger("info"));
Promise.reject(Object.assign(new Error(${JSON.stringify(message)}), { code: ${JSON.stringify(code)} }));
setTimeout(() => { console.log("still running"); }, 200);
`,
  );
  return spawnSync(process.execPath, [join(root, "bin/run-ts.mjs"), script], {
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("unhandled rejections in a long-running command", () => {
  it("logs a lost connection and carries on", () => {
    const run = rejectUnheld("ECONNREFUSED");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("a lost connection failed a query nobody awaited");
    expect(run.stdout).toContain("still running");
  });

  it("ends the process on any other unhandled rejection, saying what it was", () => {
    const run = rejectUnheld("EWHATEVER");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("unhandled rejection");
    expect(run.stdout).not.toContain("still running");
  });

  it("keeps the API keys of URLs in the error out of the log", () => {
    const run = rejectUnheld(
      "EWHATEVER",
      "request to https://arb.example.com/v2/secret-key-123?token=abc failed",
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("request to https://arb.example.com/… failed");
    expect(run.stdout).not.toMatch(/secret-key-123|token=abc/);
  });
});
