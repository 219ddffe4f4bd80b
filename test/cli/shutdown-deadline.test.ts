import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../fixtures/wait-for.ts";

const root = join(import.meta.dirname, "../..");

/** Runs a process whose shutdown steps take `stepMs` each, sends it SIGTERM; its exit and output. */
async function shutDown(stepMs: number, deadlineMs: number) {
  const script = join(mkdtempSync(join(tmpdir(), "shutdown-")), "stop.mts");
  writeFileSync(
    script,
    `import { onShutdown } from ${JSON.stringify(join(root, "src/cli/runtime.ts"))};
import { createLogger } from ${JSON.stringify(join(root, "src/logger/create-logger.ts"))};
const pause = () => new Promise((resolve) => setTimeout(resolve, ${stepMs}));
onShutdown(createLogger("info"), async (step) => {
  await step("first part", pause);
  await step("second part", pause);
}, ${deadlineMs});
console.log("ready");
setInterval(() => {}, 60_000);
`,
  );
  const child = spawn(process.execPath, [join(root, "bin/run-ts.mjs"), script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  const exited = once(child, "exit");
  await waitFor("the process to start", async () => output.includes("ready"), 30_000, 50);
  child.kill("SIGTERM");
  const [code] = await exited;
  return { code, output };
}

describe("shutting down", () => {
  it("exits with 0 once every step is done", async () => {
    const { code, output } = await shutDown(50, 5_000);
    expect(code).toBe(0);
    expect(output).not.toContain("did not finish");
  });

  it("exits with 1 at the deadline, naming the step it was stuck in", async () => {
    const { code, output } = await shutDown(60_000, 500);
    expect(code).toBe(1);
    const line = output.split("\n").find((entry) => entry.includes("did not finish in time"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ step: "first part", deadlineMs: 500 });
  });
});
