import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Metrics } from "../../src/observability/metrics.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import { createTestDatabase } from "../fixtures/postgres.ts";
import { REPO_ROOT } from "./compose-validator.ts";

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
  panels?: Panel[];
}

interface AlertRules {
  groups: { rules: { alert: string; expr: string }[] }[];
}

/** Grafana's reference to the dashboard's `datasource` variable. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template
const DATASOURCE_VARIABLE = "${datasource}";

/** Suffixes Prometheus adds to a histogram's series. */
const HISTOGRAM_SERIES = /_(bucket|count|sum)$/;

/** The cortensor_* metric names a PromQL expression reads. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\bcortensor_[a-z_]+/g)].map(([name]) => name);
}

/** Every metric a process can expose: a Metrics with the chain and the queue gauges. */
async function exposedMetricNames(): Promise<Set<string>> {
  const database = await createTestDatabase("dashboard");
  try {
    const metrics = new Metrics(database.handle.db);
    metrics.observeQueue(new InProcessWorkQueue());
    const names = metrics.registry.getMetricsAsArray().map((metric) => metric.name);
    return new Set(names);
  } finally {
    await database.drop();
  }
}

describe("the Grafana dashboard and the Prometheus alerts", () => {
  it("read only metrics the indexer exposes, through the dashboard's datasource", async () => {
    const dashboard = JSON.parse(
      await readFile(join(REPO_ROOT, "deploy/grafana/dashboards/cortensor-indexer.json"), "utf8"),
    ) as { uid: string; panels: Panel[] };
    const alerts: AlertRules = parse(
      await readFile(join(REPO_ROOT, "deploy/prometheus/alerts.yml"), "utf8"),
    );
    const exposed = await exposedMetricNames();

    const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
    const queries = panels.flatMap((panel) => panel.targets ?? []);
    const expressions = [
      ...queries.map((query) => query.expr),
      ...alerts.groups.flatMap((group) => group.rules.map((rule) => rule.expr)),
    ];
    const used = new Set(
      expressions.flatMap(metricNames).map((name) => name.replace(HISTOGRAM_SERIES, "")),
    );
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);

    // What the issue asks the dashboard to show, each at least once.
    for (const metric of [
      "cortensor_chain_lag_blocks",
      "cortensor_chain_lag_seconds",
      "cortensor_events_stored_total",
      "cortensor_rpc_errors_total",
      "cortensor_rpc_request_duration_seconds",
      "cortensor_queue_jobs",
      "cortensor_job_failures_total",
      "cortensor_graphql_request_duration_seconds",
      "cortensor_reorgs_total",
      "cortensor_exports_total",
      "cortensor_resets_total",
    ]) {
      expect(used, metric).toContain(metric);
    }
    for (const panel of panels.filter((candidate) => candidate.type !== "row")) {
      expect(panel.datasource?.uid, panel.title).toBe(DATASOURCE_VARIABLE);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
    expect(dashboard.uid).toBe("cortensor-indexer");
  });
});
