import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository root, where docker-compose.yml lives. */
export const REPO_ROOT = join(import.meta.dirname, "../..");

/** Every profile of docker-compose.yml: validation covers the services of all of them. */
export const ALL_PROFILES = ["devnet", "monitoring"];

/** A compose CLI: the docker plugin (`docker compose`) or the standalone `docker-compose`. */
export interface ComposeCli {
  command: string;
  prefix: string[];
}

/**
 * Finds a compose CLI that can validate files without a Docker engine: the plugin when docker has
 * it, else Debian's `docker-compose` (.ci/run installs it when neither is there).
 */
export async function findComposeCli(): Promise<ComposeCli> {
  const candidates: ComposeCli[] = [
    { command: "docker", prefix: ["compose"] },
    { command: "docker-compose", prefix: [] },
  ];
  for (const candidate of candidates) {
    try {
      await run(candidate.command, [...candidate.prefix, "version"]);
      return candidate;
    } catch {
      // Not installed, or docker without the compose plugin: try the next one.
    }
  }
  throw new Error(
    "no compose CLI: install Debian's docker-compose (apt-get install docker-compose) or the docker compose plugin",
  );
}

/** Runs `<compose> --profile … -f <file> <args>` in `cwd`; rejects with stderr when it fails. */
export async function compose(
  cli: ComposeCli,
  file: string,
  args: string[],
  { profiles = ALL_PROFILES, cwd = REPO_ROOT } = {},
): Promise<string> {
  const profileArgs = profiles.flatMap((profile) => ["--profile", profile]);
  try {
    const { stdout } = await run(
      cli.command,
      [...cli.prefix, "-f", file, ...profileArgs, ...args],
      // Interpolation reads the environment: keep the operator's own variables out of the test.
      { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } },
    );
    return stdout;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`compose ${args.join(" ")} failed: ${stderr ?? String(error)}`);
  }
}
