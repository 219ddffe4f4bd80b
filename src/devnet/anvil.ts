import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isPortFree } from "./ports.ts";

export interface StartAnvilOptions {
  port: number;
  chainId: number;
  /** Mine a block every N seconds instead of one block per transaction (automine). */
  blockTimeSeconds?: number;
  /** Number of unlocked default accounts; the simulator needs one per miner. Default 30. */
  accounts?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** How long to wait for the first JSON-RPC answer. Default 15 s. */
  startupTimeoutMs?: number;
}

export interface AnvilInstance {
  url: string;
  chainId: number;
  port: number;
  /** Terminates anvil and resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export type AnvilErrorReason = "binary-missing" | "port-in-use" | "exited" | "timeout";

/** Raised when anvil cannot be found or started. */
export class AnvilError extends Error {
  override name = "AnvilError";

  constructor(
    message: string,
    readonly reason: AnvilErrorReason,
  ) {
    super(message);
  }
}

const DEFAULT_ACCOUNTS = 30;
const STOP_GRACE_MS = 5_000;
/** How long a started anvil must stay up to count as the one holding its port. */
const PORT_RACE_SETTLE_MS = 100;
const OUTPUT_TAIL_CHARS = 2_000;

/**
 * Path of the anvil binary shipped in the platform package of `@foundry-rs/anvil`
 * (for example `@foundry-rs/anvil-linux-amd64/bin/anvil`). Never downloads anything.
 */
export function resolveAnvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const packageName = `@foundry-rs/anvil-${process.platform}-${arch}`;
  const binaryName = process.platform === "win32" ? "anvil.exe" : "anvil";
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  } catch {
    throw new AnvilError(
      `anvil binary package ${packageName} is not installed; run \`npm ci\` (platform ${process.platform}/${process.arch})`,
      "binary-missing",
    );
  }
  const binary = join(packageDir, "bin", binaryName);
  if (!existsSync(binary)) {
    throw new AnvilError(
      `anvil binary missing at ${binary}; reinstall ${packageName}`,
      "binary-missing",
    );
  }
  return binary;
}

/**
 * Starts a fresh in-memory anvil chain and waits until it answers JSON-RPC.
 *
 * @example
 * const anvil = await startAnvil({ port: 8545, chainId: 31337 });
 * // … use anvil.url …
 * await anvil.stop();
 */
export async function startAnvil(options: StartAnvilOptions): Promise<AnvilInstance> {
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host}:${options.port}`;
  const binary = resolveAnvilBinary();
  if (!(await isPortFree(options.port, host))) {
    throw new AnvilError(
      `cannot start anvil: port ${options.port} on ${host} is in use`,
      "port-in-use",
    );
  }

  const args = [
    "--host",
    host,
    "--port",
    String(options.port),
    "--chain-id",
    String(options.chainId),
    "--accounts",
    String(options.accounts ?? DEFAULT_ACCOUNTS),
    // Blocks mined on demand hold dependent transactions from different accounts (a session's
    // creation and its node assignment); first-in-first-out keeps them in sending order.
    "--order",
    "fifo",
    "--silent",
  ];
  if (options.blockTimeSeconds) args.push("--block-time", String(options.blockTimeSeconds));

  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keepTail);
  child.stderr?.on("data", keepTail);
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      spawnError = error;
      resolve();
    });
  });
  // A crashed parent must not leave anvil running and holding the port.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    await terminate(child, exited);
  };

  try {
    const gone = () => spawnError ?? exitOf(child);
    await waitForRpc(url, options.chainId, gone, options.startupTimeoutMs ?? 15_000);
    // Another process may have taken the port between the check above and anvil's bind: the
    // answer then came from it, and this anvil exits (address in use) right after.
    await sleep(PORT_RACE_SETTLE_MS);
    if (gone()) throw new AnvilError("anvil exited during startup", "exited");
  } catch (error) {
    await stop();
    if (error instanceof AnvilError && error.reason === "exited") {
      const reason = /address already in use/i.test(output) ? "port-in-use" : "exited";
      throw new AnvilError(`${error.message}: ${output.trim()}`, reason);
    }
    throw error;
  }
  return { url, chainId: options.chainId, port: options.port, stop };
}

/** Why the process is gone (exit code, signal or spawn error), or undefined while it runs. */
function exitOf(child: ChildProcess): Error | undefined {
  if (child.exitCode === null && child.signalCode === null) return undefined;
  return new Error(`exit code ${child.exitCode ?? child.signalCode}`);
}

async function waitForRpc(
  url: string,
  chainId: number,
  gone: () => Error | undefined,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reason = gone();
    if (reason) throw new AnvilError(`anvil exited during startup (${reason.message})`, "exited");
    const answered = await chainIdAt(url);
    if (answered === chainId) return;
    if (answered !== null) {
      throw new AnvilError(
        `cannot start anvil: port of ${url} was taken by a chain with id ${answered}`,
        "port-in-use",
      );
    }
    await sleep(50);
  }
  throw new AnvilError(`anvil did not answer JSON-RPC at ${url} within ${timeoutMs} ms`, "timeout");
}

/** The chain id the JSON-RPC server at `url` reports, or null while none answers. */
async function chainIdAt(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    if (!response.ok) return null;
    const { result } = (await response.json()) as { result?: string };
    return typeof result === "string" ? Number.parseInt(result, 16) : null;
  } catch {
    return null;
  }
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (exitOf(child) || child.pid === undefined) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
