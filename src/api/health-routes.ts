import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import type { Logger } from "pino";
import type { Database } from "../db/client.ts";
import {
  type ChainProgress,
  describeChainProgress,
  readChainCheckpoints,
} from "./chain-progress.ts";

/** How long `/health` waits for the database before calling it down. */
const DATABASE_TIMEOUT_MS = 3000;

/** What `/ready` requires besides every checkpointed chain having caught up. */
export interface ReadinessOptions {
  /**
   * Chains the deployment indexes. Each must have a caught-up checkpoint; without this, a chain
   * whose syncer has not written its first checkpoint yet goes unnoticed.
   */
  expectedChainIds?: readonly number[];
}

/** Body of `/ready`. */
export interface ReadinessReport {
  ready: boolean;
  /** Why the service is not ready; absent when it is. */
  reason?: string;
  chains: ChainProgress[];
  /** Expected chains without a checkpoint yet. */
  missingChainIds: number[];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function notReadyReason(chains: ChainProgress[], missingChainIds: number[]): string | undefined {
  if (chains.length === 0) return "no chain has been checkpointed yet";
  if (missingChainIds.length > 0)
    return `no checkpoint yet for chains ${missingChainIds.join(", ")}`;
  const behind = chains.filter((chain) => !chain.caughtUp).map((chain) => chain.chainId);
  if (behind.length > 0) return `still catching up: chains ${behind.join(", ")}`;
  return undefined;
}

/** Readiness from the chain checkpoints: at least one chain, all caught up, none missing. */
export async function checkReadiness(
  db: Database,
  options: ReadinessOptions = {},
): Promise<ReadinessReport> {
  const chains = (await readChainCheckpoints(db)).map(describeChainProgress);
  const indexed = new Set(chains.map((chain) => chain.chainId));
  const missingChainIds = (options.expectedChainIds ?? []).filter((id) => !indexed.has(id));
  const reason = notReadyReason(chains, missingChainIds);
  return { ready: reason === undefined, ...(reason ? { reason } : {}), chains, missingChainIds };
}

/**
 * `/health`: 200 while the process runs and the database answers, 503 otherwise.
 * `/ready`: 200 once every indexed chain has caught up, 503 with per-chain progress before.
 */
export function registerHealthRoutes(
  app: Hono,
  options: { db: Database; logger: Logger; readiness?: ReadinessOptions },
): void {
  const { db, logger } = options;
  app.get("/health", async (c) => {
    try {
      await withTimeout(db.execute(sql`select 1`), DATABASE_TIMEOUT_MS);
      return c.json({ status: "ok" });
    } catch (error) {
      logger.warn({ err: error }, "health check: the database did not answer");
      return c.json({ status: "unavailable", reason: "the database did not answer" }, 503);
    }
  });
  app.get("/ready", async (c) => {
    try {
      const report = await withTimeout(checkReadiness(db, options.readiness), DATABASE_TIMEOUT_MS);
      return c.json(report, report.ready ? 200 : 503);
    } catch (error) {
      logger.warn({ err: error }, "readiness check: the database did not answer");
      return c.json({ ready: false, reason: "the database did not answer", chains: [] }, 503);
    }
  });
}
