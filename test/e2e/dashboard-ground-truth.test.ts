import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { createChainClient } from "../../src/chain/create-chain-client.ts";
import type { GroundTruth } from "../../src/devnet/ground-truth.ts";
import { ChainSyncer } from "../../src/sync/chain-syncer.ts";
import { graphql } from "../fixtures/graphql.ts";
import { type IndexedDevnet, indexDevnet } from "../fixtures/indexed-devnet.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";

/** Postgres' percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(sorted: number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (position - low);
}

function latencyStats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 1e6) / 1e6);
  return {
    count: sorted.length,
    avg: round(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
  };
}

const EVERYTHING = { from: "0", to: "99999999999" };

/** The dashboard's aggregates and the oracle path, over GraphQL, against the devnet ground truth. */
describe("dashboard aggregates and oracle answers equal the devnet ground truth", () => {
  let indexed: IndexedDevnet;
  let truths: GroundTruth[];
  let app: ReturnType<typeof createApiApp>;
  let partial: TestDatabase | undefined;

  beforeAll(async () => {
    indexed = await indexDevnet({ rounds: 4, sessionsPerRound: 3, tasksPerSession: 3, seed: 33 });
    truths = indexed.truths;
    app = createApiApp({ database: indexed.database.handle });
  });
  afterAll(async () => {
    await indexed?.stop();
    await partial?.drop();
  });

  it("answers networkStats and cognitiveRoundStats with the simulator's counts", async () => {
    for (const truth of truths) {
      const data = await graphql<{
        networkStats: {
          sessions: { total: number; active: number };
          tasks: { total: number; byStatus: { status: string; count: number }[] };
          validations: { total: number; byVerdict: { verdict: string; count: number }[] };
        };
        cognitiveRoundStats: { total: number; byPhase: { phase: string; count: number }[] };
      }>(
        app,
        `query($chainId: Int!) {
          networkStats(chainId: $chainId) {
            sessions { total active }
            tasks { total byStatus { status count } }
            validations { total byVerdict { verdict count } }
          }
          cognitiveRoundStats(chainId: $chainId) { total byPhase { phase count } }
        }`,
        { chainId: truth.chainId },
      );
      const stats = data.networkStats;
      expect(stats.sessions).toEqual({
        total: truth.counts.sessions,
        active: truth.counts.sessions - truth.counts.deactivatedSessions,
      });
      expect(stats.tasks.total).toBe(truth.counts.tasks);
      expect(
        Object.fromEntries(stats.tasks.byStatus.map((row) => [row.status, row.count])),
      ).toEqual(truth.counts.tasksByStatus);
      const verdicts: Record<string, number> = { VALID: 0, INVALID: 0, RETRY: 0, NEEDS_SPEC: 0 };
      for (const validation of truth.validations)
        verdicts[validation.verdict] = (verdicts[validation.verdict] ?? 0) + 1;
      expect(
        Object.fromEntries(stats.validations.byVerdict.map((row) => [row.verdict, row.count])),
      ).toEqual(verdicts);
      const phases = Object.fromEntries(
        Object.entries(truth.counts.cognitiveRoundsByPhase).filter(([, count]) => count > 0),
      );
      expect(
        Object.fromEntries(
          data.cognitiveRoundStats.byPhase
            .filter((row) => row.count > 0)
            .map((row) => [row.phase, row.count]),
        ),
      ).toEqual(phases);
    }
  });

  it("computes per-phase latency percentiles from the simulator's own timestamps", async () => {
    for (const truth of truths) {
      const assignments = truth.tasks.flatMap((task) => task.assignments);
      const ack = assignments
        .filter((a) => a.ackedAt !== null)
        .map((a) => (a.ackedAt as number) - a.assignedAt);
      const precommit = assignments
        .filter((a) => a.precommittedAt !== null)
        .map((a) => (a.precommittedAt as number) - (a.ackedAt ?? a.assignedAt));
      const commit = assignments
        .filter((a) => a.committedAt !== null)
        .map((a) => (a.committedAt as number) - (a.precommittedAt ?? a.ackedAt ?? a.assignedAt));
      const data = await graphql<{ taskLatency: Record<string, unknown> }>(
        app,
        `query($chainId: Int!, $from: BigInt!, $to: BigInt!) {
          taskLatency(chainId: $chainId, from: $from, to: $to) {
            ack { count avg p50 p95 } precommit { count avg p50 p95 } commit { count avg p50 p95 }
          }
        }`,
        { chainId: truth.chainId, ...EVERYTHING },
      );
      expect(data.taskLatency).toEqual({
        ack: latencyStats(ack),
        precommit: latencyStats(precommit),
        commit: latencyStats(commit),
      });
      expect(ack.some((value) => value > 0)).toBe(true);
    }
  });

  it("buckets ended tasks per hour exactly as the simulator's end times fall", async () => {
    for (const truth of truths) {
      const ends = truth.tasks
        .map((task) => task.endedAt)
        .filter((time): time is number => time !== null);
      const from = Math.min(...ends) - (Math.min(...ends) % 3600);
      const to = Math.max(...ends) + 1;
      const expected = new Map<number, number>();
      for (const time of ends)
        expected.set(time - (time % 3600), (expected.get(time - (time % 3600)) ?? 0) + 1);
      const data = await graphql<{
        taskTimeSeries: { buckets: { start: string; submitted: number; ended: number }[] };
      }>(
        app,
        `query($chainId: Int!, $from: BigInt!, $to: BigInt!) {
          taskTimeSeries(chainId: $chainId, interval: HOUR, from: $from, to: $to) { buckets { start submitted ended } }
        }`,
        { chainId: truth.chainId, from: String(from), to: String(to) },
      );
      const buckets = data.taskTimeSeries.buckets;
      expect(
        buckets
          .map((bucket): [number, number] => [Number(bucket.start), bucket.ended])
          .filter(([, ended]) => ended > 0),
      ).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]));
      expect(buckets.reduce((sum, bucket) => sum + bucket.ended, 0)).toBe(
        truth.counts.tasksByStatus.ENDED,
      );
    }
  });

  it("ranks the leaderboard and reports each node's outcomes as the simulator counted them", async () => {
    for (const truth of truths) {
      const expected = [...truth.nodes]
        .filter((node) => node.tasksAssigned > 0)
        .sort((a, b) => b.tasksCommitted - a.tasksCommitted || a.address.localeCompare(b.address))
        .slice(0, 5)
        .map((node) => ({ score: node.tasksCommitted, node: { address: node.address } }));
      const data = await graphql<{
        nodeLeaderboard: { score: number; node: { address: string } }[];
        nodes: {
          items: {
            address: string;
            tasksSucceeded: number;
            missedAck: number;
            dropped: number;
            successRatio: number | null;
          }[];
        };
      }>(
        app,
        `query($chainId: Int!) {
          nodeLeaderboard(chainId: $chainId, by: COMMITTED, first: 5) { score node { address } }
          nodes(where: { chainId: $chainId }, first: 1000) { items { address tasksSucceeded missedAck dropped successRatio } }
        }`,
        { chainId: truth.chainId },
      );
      expect(data.nodeLeaderboard).toEqual(expected);
      for (const node of truth.nodes.filter((candidate) => candidate.tasksEnded > 0)) {
        expect(data.nodes.items.find((item) => item.address === node.address)).toEqual({
          address: node.address,
          tasksSucceeded: node.tasksSucceeded,
          missedAck: node.missedAck,
          dropped: node.dropped,
          successRatio: node.tasksSucceeded / node.tasksEnded,
        });
      }
    }
  });

  it("gives the same oracle answer at a block before and after more blocks are indexed", async () => {
    const [truth] = truths as [GroundTruth];
    const chain = indexed.devnet.network.chains.find((c) => c.chainId === truth.chainId);
    if (!chain) throw new Error("no L2 chain");
    const head = (await indexed.devnet.heads()).get(truth.chainId) as bigint;
    const atBlock = head / 2n;
    // A second index of the same chain that stops at atBlock: its tip is where the oracle asks.
    partial = await createTestDatabase("oracle");
    const syncer = new ChainSyncer({
      network: "devnet",
      chain,
      endBlock: atBlock,
      db: partial.handle.db,
      client: createChainClient(chain),
    });
    await syncer.prepare();
    await syncer.syncUntil(Date.now() + 60_000);

    const busiest = [...truth.nodes].sort((a, b) => b.tasksAssigned - a.tasksAssigned)[0];
    const query = `query($chainId: Int!, $address: String!, $from: BigInt!, $to: BigInt!, $atBlock: BigInt) {
      oracleNodeSignals(chainId: $chainId, address: $address, from: $from, to: $to, atBlock: $atBlock) {
        atBlock block { number hash } assignments ended succeeded dropped successRatio
        missedDeadlines { ack precommit commit } latency { ack { count p50 p95 } commit { count p50 p95 } }
        replicas { tasksEvaluated tasksUnderReplicated averageShortfall }
      }
    }`;
    const variables = { chainId: truth.chainId, address: busiest?.address, ...EVERYTHING };
    const before = await graphql(createApiApp({ database: partial.handle }), query, variables);
    const after = await graphql(app, query, { ...variables, atBlock: atBlock.toString() });
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect((before as { oracleNodeSignals: { atBlock: string } }).oracleNodeSignals.atBlock).toBe(
      atBlock.toString(),
    );
    const full = await graphql<{ oracleNodeSignals: { assignments: number } }>(
      app,
      query,
      variables,
    );
    expect(full.oracleNodeSignals.assignments).toBeGreaterThan(
      (before as { oracleNodeSignals: { assignments: number } }).oracleNodeSignals.assignments,
    );
  });
});
