/**
 * The projector's time by stage (src/sync/stage-clock.ts), as the workers report it on their
 * metrics endpoints: the backfill benchmark scrapes it to print where the time went.
 */
import { createServer } from "node:net";
import { PROJECTOR_STAGES, type StageSeconds } from "../src/sync/stage-clock.ts";

/** A TCP port free right now on 127.0.0.1, for a worker's METRICS_PORT. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port was given");
  return address.port;
}

const SAMPLE = /^cortensor_projector_seconds_total\{([^}]*)\} (\S+)$/;

/** The stages' seconds summed over the workers' `/metrics` at `ports` (every chain together). */
export async function scrapeProjectorStages(ports: readonly number[]): Promise<StageSeconds> {
  const seconds: StageSeconds = {};
  for (const port of ports) {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    if (!response.ok) throw new Error(`worker metrics on port ${port}: HTTP ${response.status}`);
    for (const line of (await response.text()).split("\n")) {
      const match = SAMPLE.exec(line);
      const stage = /stage="([^"]+)"/.exec(match?.[1] ?? "")?.[1];
      const known = PROJECTOR_STAGES.find((name) => name === stage);
      if (match && known) seconds[known] = (seconds[known] ?? 0) + Number(match[2]);
    }
  }
  return seconds;
}

/** e.g. `range 3.1 s (5%), load 8.0 s (13%), …` in the stages' order. */
export function formatStages(seconds: StageSeconds): string {
  const total = Object.values(seconds).reduce((sum, value) => sum + value, 0);
  if (total === 0) return "none reported";
  return PROJECTOR_STAGES.filter((stage) => seconds[stage] !== undefined)
    .map((stage) => {
      const value = seconds[stage] ?? 0;
      return `${stage} ${value.toFixed(1)} s (${((100 * value) / total).toFixed(0)}%)`;
    })
    .join(", ");
}
