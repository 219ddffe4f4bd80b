import { describe, expect, it } from "vitest";
import { contractSourceHash, devnetArtifacts } from "../../src/devnet/contracts/artifacts.ts";
import {
  devnetContractNames,
  hashContractSources,
  readContractSources,
} from "../../src/devnet/contracts/sources.ts";

describe("devnet contract artifacts", () => {
  it("were compiled from the current .sol sources (else run `npm run contracts:build`)", () => {
    expect(hashContractSources(readContractSources())).toBe(contractSourceHash);
  });

  it("hold an ABI and creation bytecode for every devnet contract", () => {
    for (const name of devnetContractNames) {
      expect(devnetArtifacts[name].abi.length).toBeGreaterThan(0);
      expect(devnetArtifacts[name].bytecode).toMatch(/^0x[0-9a-f]{200,}$/);
    }
  });
});
