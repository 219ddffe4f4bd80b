import type { PhaseResetRow, PhaseRow } from "../db/control-schema/index.ts";

/** A reset as JSON for operators (CLI output, the admin endpoint). */
export function describeReset(reset: PhaseResetRow) {
  return {
    phase: reset.phaseId,
    fromPhase: reset.fromPhase,
    requestedBy: reset.requestedBy,
    requestedAt: reset.requestedAt.toISOString(),
    options: reset.options,
    state: reset.state,
    steps: reset.steps,
    switchedAt: reset.switchedAt?.toISOString() ?? null,
    completedAt: reset.completedAt?.toISOString() ?? null,
    error: reset.error,
  };
}

/** A phase as JSON for operators, without its stored network file. */
export function describePhase(phase: PhaseRow) {
  return {
    id: phase.id,
    status: phase.status,
    serving: phase.serving,
    schema: phase.schemaName,
    network: phase.networkName,
    networkSource: phase.networkSource,
    startBlocks: phase.startBlocks,
    createdAt: phase.createdAt.toISOString(),
    servingSince: phase.servingSince?.toISOString() ?? null,
    archivedAt: phase.archivedAt?.toISOString() ?? null,
  };
}
