import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { AnvilError, resolveAnvilBinary, startAnvil } from "../../src/devnet/anvil.ts";
import { createDevnetClient } from "../../src/devnet/client.ts";
import { findFreePort, isPortFree } from "../../src/devnet/ports.ts";
import { startTestAnvil } from "../fixtures/anvil.ts";

describe("anvil", () => {
  it("runs the binary shipped in the npm platform package", () => {
    const binary = resolveAnvilBinary();
    expect(binary).toMatch(/@foundry-rs\/anvil-[a-z0-9]+-[a-z0-9]+\/bin\/anvil(\.exe)?$/);
    expect(existsSync(binary)).toBe(true);
  });

  it("answers JSON-RPC with the requested chain id and unlocked accounts, and frees its port on stop", async () => {
    const anvil = await startTestAnvil({ chainId: 31338, accounts: 15 });
    const client = createDevnetClient(anvil.url, anvil.chainId);
    expect(await client.getChainId()).toBe(31338);
    expect(await client.getAddresses()).toHaveLength(15);
    await anvil.stop();
    await anvil.stop();
    expect(await isPortFree(anvil.port)).toBe(true);
  });

  it("refuses a port that is already in use with a typed error", async () => {
    const port = await findFreePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const error = await startAnvil({ port, chainId: 31337 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AnvilError);
      expect((error as AnvilError).reason).toBe("port-in-use");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
