import type { Database } from "../../src/db/client.ts";
import {
  blockHashes,
  chainCheckpoints,
  events,
  sessions,
  taskAssignments,
  tasks,
} from "../../src/db/schema/index.ts";
import { assignmentRow, blockHashRow, outcomeAt, phaseAt } from "./domain-fixtures.ts";
import { checkpointRow, eventRow, hash, sessionRow, taskRow } from "./fixtures.ts";

/** A stored SessionUpdated event setting a session's redundancy at a block. */
export function sessionUpdated(sessionId: number, block: number, redundant: string, logIndex = 0) {
  return eventRow(block, logIndex, {
    eventName: "SessionUpdated",
    args: { sessionId: String(sessionId), minNumOfNodes: "1", maxNumOfNodes: "3", redundant },
  });
}

type Phases = [acked?: number, precommitted?: number, committed?: number];

/** Miner `miner`'s assignment to a task at block `assigned`, its phases and its outcome. */
function assignment(
  sessionId: number,
  taskId: number,
  miner: number,
  assigned: number,
  phases: Phases,
  outcome?: [string, number],
) {
  const [acked, precommitted, committed] = phases;
  return assignmentRow({ sessionId, taskId }, miner, assigned, {
    ...(acked === undefined ? {} : phaseAt("acked", acked)),
    ...(precommitted === undefined ? {} : phaseAt("precommitted", precommitted)),
    ...(committed === undefined ? {} : phaseAt("committed", committed)),
    ...(outcome ? outcomeAt(...outcome) : {}),
  });
}

/**
 * Chain 1 indexed to block 1000 (block n at unix time T0 + n), block hashes recorded at 100, 500,
 * 900 and 1000. Session 1 has redundancy 3 since block 150; session 2 had 3 from block 130 and 2
 * from block 950. Tasks 1-6 and 8 are session 1's, task 7 is session 2's; the comments give
 * each task's end and each miner's assignment, phases and outcome blocks.
 */
export async function seedOracleScenario(db: Database): Promise<void> {
  await db
    .insert(chainCheckpoints)
    .values(checkpointRow(1, { lastIndexedBlock: 1000n, lastIndexedHash: hash(1000) }));
  await db.insert(blockHashes).values([100, 500, 900, 1000].map((block) => blockHashRow(block)));
  await db
    .insert(sessions)
    .values([
      sessionRow(1, { redundant: "3", updatedBlock: 150n }),
      sessionRow(2, { redundant: "2", updatedBlock: 950n }),
    ]);
  await db
    .insert(events)
    .values([
      sessionUpdated(2, 130, "3"),
      sessionUpdated(1, 150, "3"),
      sessionUpdated(2, 950, "2"),
    ]);
  const ended: [number, number, number | null][] = [
    [1, 1, 220],
    [1, 2, 320],
    [1, 3, 450],
    [1, 4, 560],
    [1, 5, 720],
    [1, 6, null],
    [2, 7, 595],
    [1, 8, 160],
  ];
  await db.insert(tasks).values(
    ended.map(([sessionId, taskId, endedBlock]) =>
      taskRow(sessionId, taskId, {
        status: endedBlock === null ? "ASSIGNED" : "ENDED",
        endedBlock: endedBlock === null ? null : BigInt(endedBlock),
      }),
    ),
  );
  await db.insert(taskAssignments).values([
    // miner 1
    assignment(1, 1, 1, 200, [202, 205, 210], ["COMMITTED", 220]),
    assignment(1, 2, 1, 300, [304, 310, 316], ["DROPPED", 320]),
    assignment(1, 3, 1, 400, [], ["MISSED_ACK", 450]),
    assignment(1, 4, 1, 500, [503], ["MISSED_PRECOMMIT", 560]),
    assignment(1, 5, 1, 550, [551, 555, 700], ["COMMITTED", 720]),
    assignment(1, 6, 1, 700, []),
    assignment(2, 7, 1, 580, [590], ["MISSED_PRECOMMIT", 595]),
    assignment(1, 8, 1, 150, [151, 152, 153], ["COMMITTED", 160]),
    // miner 2
    assignment(1, 1, 2, 200, [201, 204, 212], ["COMMITTED", 220]),
    assignment(1, 2, 2, 300, [302, 305, 318], ["COMMITTED", 320]),
    assignment(1, 3, 2, 400, [401, 410, 420], ["COMMITTED", 450]),
    assignment(2, 7, 2, 580, [585, 588, 592], ["COMMITTED", 595]),
    // miner 3
    assignment(1, 1, 3, 200, [203, 206, 215], ["COMMITTED", 220]),
    assignment(2, 7, 3, 580, [583, 587], ["MISSED_COMMIT", 595]),
  ]);
}
