import { setTimeout as sleep } from "node:timers/promises";
import type { Address } from "viem";
import type { Logger } from "../logger/create-logger.ts";
import { ActionLog } from "./action-log.ts";
import { createDevnetClient, type DevnetClient } from "./client.ts";
import { DEFAULT_SECONDS_PER_WAVE, SimulationClock } from "./clock.ts";
import { cognitiveRoundSteps, planCognitiveRound } from "./cognitive-round.ts";
import type { DevnetAddresses } from "./deploy.ts";
import { type GroundTruth, GroundTruthRecorder } from "./ground-truth.ts";
import { maintainLevels } from "./level-activity.ts";
import { maintainNodeStats, pingNodes, reportVersions, setUpNetwork } from "./node-activity.ts";
import { NodeModel } from "./node-model.ts";
import { SeededRandom } from "./random.ts";
import { createSessions, maintainPool, maintainSessions } from "./session-activity.ts";
import {
  assignActors,
  createWriters,
  type SimulationContext,
  SimulatorError,
} from "./simulation-context.ts";
import { submitTasks, taskWaves } from "./task-waves.ts";
import { type ActionLogEntry, TransactionSender } from "./transactions.ts";
import { validateTasks } from "./validation-activity.ts";

export { SimulatorError };

export interface SimulatorOptions {
  /** Seed of the pseudo-random choices; the same seed replays the same activity. Default 1. */
  seed?: number;
  /** New sessions per round. Default 2. */
  sessionsPerRound?: number;
  /** Tasks submitted to each new session in its round. Default 3. */
  tasksPerSession?: number;
  /** Stop after this many rounds; omit to keep going until `stop()`. */
  rounds?: number;
  /**
   * Rounds per second, or "max" for as fast as anvil allows. Defaults to "max" for a fixed number
   * of rounds and to 1 for a continuous simulation.
   */
  rate?: number | "max";
  /**
   * Mine one block per wave of transactions (automine is switched off while the simulator runs),
   * so blocks hold many transactions from many accounts and the simulation runs ~3x faster.
   * When false, or when the chain mines on an interval, the chain's own mining is used. Default true.
   */
  blockPerWave?: boolean;
  /**
   * Range [min, max] of the seconds block time moves between two waves of transactions (seeded).
   * Default [1, 6].
   */
  secondsPerWave?: readonly [number, number];
  /** How many of the latest actions `actionLog()` keeps. Default 100 000. */
  maxActionLogEntries?: number;
  /** Called for every mined action, in order. */
  onAction?: (entry: ActionLogEntry) => void;
}

export interface SimulatorTarget {
  /** JSON-RPC URL of the anvil chain; its default accounts must be unlocked. */
  url: string;
  chainId: number;
  /** Where the devnet contracts are deployed on this chain. */
  addresses: DevnetAddresses;
  logger?: Logger;
}

/**
 * Drives realistic Cortensor activity on one devnet chain and records the ground truth of what
 * it did. Each round creates sessions, submits tasks and walks them through the queue lifecycle,
 * leaving some unfinished at every phase, while a CognitiveV1 network-task round runs its phases
 * and nodes ping; then validators judge ended tasks, nodes report versions, levels change, and
 * sessions and the node pool churn. Each wave of transactions lands a few seeded seconds after
 * the previous one (see {@link SimulationClock}).
 *
 * @example
 * const simulator = await DevnetSimulator.create(target, { rounds: 4, sessionsPerRound: 5 });
 * await simulator.run();
 * console.log(simulator.groundTruth().counts);
 */
export class DevnetSimulator {
  private stopRequested = false;
  private readonly pacing = new AbortController();
  private running: Promise<void> | undefined;
  private roundsDone = 0;

  private constructor(
    private readonly ctx: SimulationContext,
    private readonly client: DevnetClient,
    private readonly sender: TransactionSender,
    private readonly log: ActionLog,
    private readonly options: SimulatorOptions,
    private readonly minesPerWave: boolean,
    private readonly logger: Logger | undefined,
  ) {}

  /** Prepares a simulator for the chain; reads the unlocked accounts but sends nothing yet. */
  static async create(
    target: SimulatorTarget,
    options: SimulatorOptions = {},
  ): Promise<DevnetSimulator> {
    validateOptions(options);
    const client = createDevnetClient(target.url, target.chainId);
    const receiptClient = createDevnetClient(target.url, target.chainId, { batch: true });
    const accounts: Address[] = await client.getAddresses();
    const minesPerWave = (options.blockPerWave ?? true) && (await client.getAutomine());
    const sender = new TransactionSender(client, receiptClient, target.chainId, {
      mineOnFlush: minesPerWave,
    });
    const truth = new GroundTruthRecorder(target.chainId, target.addresses);
    const log = new ActionLog(options.maxActionLogEntries ?? 100_000);
    const contracts = createWriters(target.addresses, sender, (contract, events, entry) => {
      truth.recordTransaction(contract, events);
      log.push(entry);
      options.onAction?.(entry);
    });
    const seed = options.seed ?? 1;
    const networkRandom = new SeededRandom(seed ^ NETWORK_STREAM);
    const clock = new SimulationClock(client, networkRandom, options.secondsPerWave);
    const ctx: SimulationContext = {
      chainId: target.chainId,
      random: new SeededRandom(seed),
      networkRandom,
      truth,
      clock,
      nextWave: async () => {
        await sender.flush();
        await clock.advance();
      },
      nodes: new NodeModel(),
      actors: assignActors(accounts),
      contracts,
      sessions: new Map(),
      pooledSpareNodes: new Set(),
      nextSessionId: 1n,
      nextGlobalId: 0n,
      nextRoundId: 1n,
    };
    return new DevnetSimulator(ctx, client, sender, log, options, minesPerWave, target.logger);
  }

  /**
   * Runs the simulation: the configured number of rounds, or until `stop()` when continuous.
   * Calling it again while it runs returns the same promise.
   */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Stops after the current wave of transactions and waits for the run to wind down. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.pacing.abort();
    await this.running?.catch(() => {});
  }

  /** What the simulator made happen so far (mined transactions only), as plain JSON. */
  groundTruth(): GroundTruth {
    return this.ctx.truth.snapshot();
  }

  /** The latest mined actions, oldest first, with chain, block number and transaction hash. */
  actionLog(): ActionLogEntry[] {
    return this.log.list();
  }

  private async loop(): Promise<void> {
    if (this.minesPerWave) await this.client.setAutomine(false);
    try {
      this.ctx.truth.recordClockStart(await this.ctx.clock.start());
      await this.simulate();
    } finally {
      // Other clients of the chain (tests, the indexer's own calls) expect anvil's own time
      // and automine back.
      await this.ctx.clock.release().catch(() => {});
      if (this.minesPerWave) await this.client.setAutomine(true).catch(() => {});
    }
  }

  private async simulate(): Promise<void> {
    const { rounds } = this.options;
    const rate = this.options.rate ?? (rounds === undefined ? 1 : "max");
    const startedAt = Date.now();
    await this.wave(() => setUpNetwork(this.ctx));
    while (!this.stopRequested && (rounds === undefined || this.roundsDone < rounds)) {
      if (rate !== "max") await this.waitUntil(startedAt + (this.roundsDone * 1000) / rate);
      if (this.stopRequested) break;
      await this.runRound(this.roundsDone);
      this.roundsDone += 1;
      this.logger?.debug(
        { chainId: this.ctx.chainId, round: this.roundsDone },
        "devnet simulator round done",
      );
    }
    await this.sender.flush();
  }

  private async runRound(round: number): Promise<void> {
    const { sessionsPerRound = 2, tasksPerSession = 3 } = this.options;
    const { ctx } = this;
    const sessions = await this.wave(() => createSessions(ctx, sessionsPerRound));
    const tasks = await this.wave(() => submitTasks(ctx, sessions, tasksPerSession));
    const cognitiveRound = planCognitiveRound(
      ctx.networkRandom,
      ctx.nextRoundId++,
      ctx.actors.miners,
    );
    const waves = Math.max(taskWaves.length, cognitiveRoundSteps.length);
    for (let index = 0; index < waves; index++) {
      if (this.stopRequested) return;
      await this.wave(async () => {
        await taskWaves[index]?.(ctx, tasks);
        await cognitiveRoundSteps[index]?.(ctx, cognitiveRound);
        await pingNodes(ctx);
      });
    }
    await this.wave(async () => {
      await validateTasks(ctx, tasks);
      await reportVersions(ctx);
      await maintainNodeStats(ctx);
      await maintainLevels(ctx);
      await maintainSessions(ctx);
      await maintainPool(ctx, round);
    });
    ctx.truth.recordRound();
  }

  /** Moves the clock, sends the wave's transactions and waits until they are mined. */
  private async wave<T>(send: () => Promise<T>): Promise<T> {
    await this.ctx.clock.advance();
    const result = await send();
    await this.sender.flush();
    return result;
  }

  private async waitUntil(time: number): Promise<void> {
    const delay = time - Date.now();
    if (delay <= 0) return;
    try {
      await sleep(delay, undefined, { signal: this.pacing.signal });
    } catch {
      // Aborted by stop(): the loop checks stopRequested next.
    }
  }
}

/** Mixed into the seed of the second random stream (SimulationContext.networkRandom). */
const NETWORK_STREAM = 0x5bd1e995;

function validateOptions(options: SimulatorOptions): void {
  const { rate, rounds, sessionsPerRound, tasksPerSession, secondsPerWave } = options;
  const [min, max] = secondsPerWave ?? DEFAULT_SECONDS_PER_WAVE;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > max) {
    throw new SimulatorError(
      `secondsPerWave must be integers 0 <= min <= max, got [${min}, ${max}]`,
    );
  }
  if (rate !== undefined && rate !== "max" && !(rate > 0)) {
    throw new SimulatorError(
      `rate must be a positive number of rounds per second or "max", got ${rate}`,
    );
  }
  for (const [name, value] of Object.entries({ rounds, sessionsPerRound, tasksPerSession })) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new SimulatorError(`${name} must be a non-negative integer, got ${value}`);
    }
  }
}
