import type { Address } from "viem";
import { lowerAddress as lower } from "./addresses.ts";
import {
  COGNITIVE_PHASES,
  type CognitivePhase,
  type GroundTruthCognitiveRound,
} from "./ground-truth-types.ts";

/** What one confirmed CognitiveV1 transaction did to a round. */
export interface RoundChange {
  phase: CognitivePhase;
  creator?: Address;
  preparer?: Address;
  precommitted?: Address;
  committed?: Address;
  precommitForceEnded?: boolean;
  startedAt?: number;
  endedAt?: number;
}

/** CognitiveV1 rounds as their events left them; a round's phase only moves forward. */
export class CognitiveRoundRecorder {
  private readonly rounds = new Map<bigint, GroundTruthCognitiveRound>();

  recordRequested(roundId: bigint, miners: readonly Address[], at: number): void {
    this.rounds.set(roundId, {
      roundId: roundId.toString(),
      phase: "REQUESTED",
      miners: miners.map(lower),
      creator: null,
      preparer: null,
      precommittedMiners: [],
      committedMiners: [],
      precommitCount: 0,
      commitCount: 0,
      precommitForceEnded: null,
      requestedAt: at,
      startedAt: null,
      endedAt: null,
    });
  }

  record(roundId: bigint, change: RoundChange): void {
    const round = this.rounds.get(roundId);
    if (!round) throw new RangeError(`ground truth has no cognitive round ${roundId}`);
    if (phaseRank(change.phase) > phaseRank(round.phase)) round.phase = change.phase;
    if (change.creator) round.creator = lower(change.creator);
    if (change.preparer) round.preparer = lower(change.preparer);
    if (change.precommitted) {
      round.precommittedMiners.push(lower(change.precommitted));
      round.precommitCount += 1;
    }
    if (change.committed) {
      round.committedMiners.push(lower(change.committed));
      round.commitCount += 1;
    }
    if (change.precommitForceEnded !== undefined) {
      round.precommitForceEnded = change.precommitForceEnded;
    }
    if (change.startedAt !== undefined) round.startedAt = change.startedAt;
    if (change.endedAt !== undefined) round.endedAt = change.endedAt;
  }

  render(): GroundTruthCognitiveRound[] {
    return [...this.rounds.values()].map((round) => ({
      ...round,
      miners: [...round.miners],
      precommittedMiners: [...round.precommittedMiners],
      committedMiners: [...round.committedMiners],
    }));
  }
}

/** Position of a phase in {@link COGNITIVE_PHASES}. */
export function phaseRank(phase: CognitivePhase): number {
  return COGNITIVE_PHASES.indexOf(phase);
}
