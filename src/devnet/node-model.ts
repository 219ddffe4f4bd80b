import type { Address } from "viem";
import type { CognitiveReport } from "./node-truth.ts";

/** NodeStats settings the simulator configures (`setGlobalPingThreshold`, `setActivityThreshold`). */
export const NODE_STATS_SETTINGS = { globalPingThreshold: 25, activityThreshold: 3 } as const;

/** Same as the devnet CognitiveLevel's MIN_LEVEL and MAX_LEVEL constants. */
export const COGNITIVE_LEVELS = { min: 0, max: 5 } as const;

/** The versions nodes run, oldest first; nodes only ever upgrade. */
export const NODE_VERSIONS = ["1.4.2", "1.4.3", "1.5.0", "1.5.1", "1.6.0"] as const;

/** A CognitiveLevel report: what `reportTaskCompletion` emits. */
export interface LevelReport extends CognitiveReport {
  level: number;
  /** Per-level counts of `TaskReported`. */
  taskCount: number;
  successCount: number;
}

interface LevelStats {
  taskCount: number;
  successCount: number;
  consecutive: number;
}

/**
 * The simulator's model of the node contracts' state (NodeStats, NodeVersion, CognitiveLevel):
 * what it needs to send valid calls and to know, before they are mined, which events and values
 * they produce. Updated when a call is sent; the chain applies calls in the same order.
 */
export class NodeModel {
  private readonly pings = new Map<Address, { total: number; sinceReset: number }>();
  private globalPings = 0;
  private readonly versions = new Map<Address, number>();
  private readonly levels = new Map<Address, number>();
  private readonly levelStats = new Map<string, LevelStats>();
  private readonly metrics = new Map<
    Address,
    { completed: number; succeeded: number; failed: number }
  >();

  /** NodeStats `ping()`: the node's new counter and whether the global threshold was reached. */
  ping(node: Address): { pingCounter: number; thresholdReached: boolean } {
    const pings = this.pings.get(node) ?? { total: 0, sinceReset: 0 };
    pings.total += 1;
    pings.sinceReset += 1;
    this.pings.set(node, pings);
    this.globalPings += 1;
    const thresholdReached = this.globalPings >= NODE_STATS_SETTINGS.globalPingThreshold;
    if (thresholdReached) this.globalPings = 0;
    return { pingCounter: pings.total, thresholdReached };
  }

  /** NodeStats `updateNodeActivity`: the level it sets. */
  statsLevel(node: Address): number {
    const sinceReset = this.pings.get(node)?.sinceReset ?? 0;
    return Math.floor(sinceReset / NODE_STATS_SETTINGS.activityThreshold);
  }

  /** NodeStats `checkAndResetNode`. */
  resetStats(node: Address): void {
    const pings = this.pings.get(node);
    if (pings) pings.sinceReset = 0;
  }

  /**
   * NodeVersion: the version the node reports next (its first report: `NODE_VERSIONS[first]`),
   * or undefined when it already runs the newest.
   */
  nextVersion(node: Address, first: number): string | undefined {
    const current = this.versions.get(node);
    const next = current === undefined ? first : current + 1;
    if (next >= NODE_VERSIONS.length) return undefined;
    this.versions.set(node, next);
    return NODE_VERSIONS[next];
  }

  /** CognitiveLevel level of a registered node; undefined if not registered. */
  level(node: Address): number | undefined {
    return this.levels.get(node);
  }

  /** CognitiveLevel `registerNode` / `register` / level changes. */
  setLevel(node: Address, level: number): void {
    this.levels.set(node, level);
  }

  /** CognitiveLevel `reportTaskCompletion` at the node's current level. */
  report(node: Address, success: boolean): LevelReport {
    const level = this.levels.get(node);
    if (level === undefined)
      throw new RangeError(`node ${node} is not registered in CognitiveLevel`);
    const key = `${node}:${level}`;
    const stats = this.levelStats.get(key) ?? { taskCount: 0, successCount: 0, consecutive: 0 };
    const totals = this.metrics.get(node) ?? { completed: 0, succeeded: 0, failed: 0 };
    stats.taskCount += 1;
    totals.completed += 1;
    if (success) {
      stats.successCount += 1;
      stats.consecutive += 1;
      totals.succeeded += 1;
    } else {
      stats.consecutive = 0;
      totals.failed += 1;
    }
    this.levelStats.set(key, stats);
    this.metrics.set(node, totals);
    return {
      level,
      taskCount: stats.taskCount,
      successCount: stats.successCount,
      consecutiveSuccess: stats.consecutive,
      ...totals,
    };
  }
}
