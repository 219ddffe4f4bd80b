import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests start anvil chains and child processes; two files at a time fits the 2-core machines.
    maxWorkers: 2,
    globalSetup: ["test/fixtures/global-setup.ts"],
  },
});
