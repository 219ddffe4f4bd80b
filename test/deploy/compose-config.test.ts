import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  ALL_PROFILES,
  type ComposeCli,
  compose,
  findComposeCli,
  REPO_ROOT,
} from "./compose-validator.ts";

interface ComposeService {
  profiles?: string[];
  environment?: Record<string, string>;
  expose?: string[];
  volumes?: (string | { source: string; target: string })[];
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();

describe("docker-compose.yml", () => {
  let cli: ComposeCli;
  beforeAll(async () => {
    cli = await findComposeCli();
  });

  it("validates with every profile and lists the expected services", async () => {
    await compose(cli, "docker-compose.yml", ["config", "--quiet"]);
    expect(lines(await compose(cli, "docker-compose.yml", ["config", "--services"]))).toEqual(
      ["api", "devnet", "grafana", "postgres", "prometheus", "redis", "worker"].sort(),
    );
    expect(lines(await compose(cli, "docker-compose.yml", ["config", "--profiles"]))).toEqual(
      [...ALL_PROFILES].sort(),
    );
  });

  it("lets Prometheus scrape the API and every worker replica, and mounts existing files", async () => {
    const config = parse(await compose(cli, "docker-compose.yml", ["config"])) as {
      services: Record<string, ComposeService>;
    };
    // Without a profile: the indexer itself, nothing optional.
    const core = Object.entries(config.services).filter(([, service]) => !service.profiles?.length);
    expect(core.map(([name]) => name).sort()).toEqual(["api", "postgres", "redis", "worker"]);
    const { worker, prometheus, grafana } = config.services;
    const metricsPort = worker?.environment?.METRICS_PORT;
    expect(metricsPort).toMatch(/^\d+$/);
    expect(worker?.expose).toContain(metricsPort);

    const scrape = parse(
      await readFile(join(REPO_ROOT, "deploy/prometheus/prometheus.yml"), "utf8"),
    ) as {
      scrape_configs: {
        job_name: string;
        static_configs?: { targets: string[] }[];
        dns_sd_configs?: { names: string[]; port: number }[];
      }[];
    };
    const jobs = new Map(scrape.scrape_configs.map((job) => [job.job_name, job]));
    expect(jobs.get("cortensor-api")?.static_configs?.[0]?.targets).toEqual(["api:4000"]);
    expect(jobs.get("cortensor-worker")?.dns_sd_configs?.[0]).toMatchObject({
      names: ["worker"],
      port: Number(metricsPort),
    });

    for (const service of [prometheus, grafana]) {
      expect(service?.profiles).toEqual(["monitoring"]);
      // Named volumes have no path; bind mounts (resolved to absolute paths) must exist.
      const binds = (service?.volumes ?? [])
        .map((volume) => (typeof volume === "string" ? volume.split(":")[0] : volume.source))
        .filter((source): source is string => source?.startsWith("/") === true);
      expect(binds.length).toBeGreaterThan(0);
      for (const source of binds) expect(existsSync(source), source).toBe(true);
    }
  });

  it("rejects an invalid file, so a pass means something", async () => {
    const dir = await mkdtemp(join(tmpdir(), "compose-"));
    try {
      await writeFile(
        join(dir, "docker-compose.yml"),
        "services:\n  api:\n    image: x\n    restart: sometimes-maybe\n    portz: [1]\n",
      );
      await expect(
        compose(cli, "docker-compose.yml", ["config", "--quiet"], { profiles: [], cwd: dir }),
      ).rejects.toThrow(/portz|Additional properties/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
