import type { Database } from "../../src/db/client.ts";
import {
  chainCheckpoints,
  events,
  nodes,
  sessions,
  taskAssignments,
  taskResultFetches,
  taskResults,
  tasks,
  validations,
} from "../../src/db/schema/index.ts";
import { rebuildTaskHistories } from "../../src/db/task-histories.ts";
import {
  assignmentRow,
  minerAddress,
  nodeRow,
  outcomeAt,
  phaseAt,
  validationRow,
} from "../api/domain-fixtures.ts";
import { address, checkpointRow, eventRow, hash, sessionRow, taskRow } from "../api/fixtures.ts";

/** A session id and a task id beyond 2^64 and 2^53: exports must keep every digit. */
export const HUGE_SESSION = (2n ** 200n + 3n).toString();
export const HUGE_TASK = (2n ** 255n + 7n).toString();

/**
 * Text that CSV must quote and JSON must escape, with the control characters NDJSON's COPY uses
 * as its delimiter and quote (0x02, 0x01), which must come out escaped, never raw.
 */
export const AWKWARD_TEXT =
  'prompt with, a comma, "quotes",\na line break,\r\n\ta tab, \u0001\u0002, ünïcödé and a \\ backslash';

/** Chains 1 and 2 are in network devnet, chain 3 in testnet. */
export const CHECKPOINTS = [
  checkpointRow(1, {
    lastIndexedBlock: 5000n,
    lastIndexedHash: hash(5000),
    lastIndexedTimestamp: 1_700_005_000n,
  }),
  checkpointRow(2, { lastIndexedBlock: 800n }),
  checkpointRow(3, { network: "testnet", lastIndexedBlock: 90n }),
];

const ended = (block: number) => ({
  status: "ENDED",
  endedBlock: BigInt(block),
  endedAt: 1_700_000_000n + BigInt(block),
});

/**
 * A small index covering what exports must carry: sessions of three owners over three chains,
 * tasks in every status with phase blocks and times, assigned miners with every outcome and
 * results, validations, nodes, decoded and undecoded events, uint256 values beyond 2^64, nulls,
 * empty strings and text that needs quoting.
 */
export async function seedExportFixtures(db: Database): Promise<void> {
  await db.insert(chainCheckpoints).values(CHECKPOINTS);
  await db
    .insert(sessions)
    .values([
      sessionRow(1),
      sessionRow(2, { state: "DEACTIVATED", deactivatedBlock: 1500n }),
      sessionRow(3, { sid: "", miners: [] }),
      { ...sessionRow(4), sessionId: HUGE_SESSION, deposited: (2n ** 100n).toString() },
      sessionRow(1, { chainId: 2, createdBlock: 10n }),
      sessionRow(5, { chainId: 3 }),
    ]);
  await db.insert(tasks).values([
    taskRow(1, 1, {
      ...ended(2100),
      taskData: AWKWARD_TEXT,
      clientReference: "",
      miners: [minerAddress(1), minerAddress(2), minerAddress(3)],
      finalMiners: [minerAddress(1)],
      assignedBlock: 2002n,
      assignedAt: 1_700_001_002n,
      ackedBlock: 2004n,
      ackedAt: 1_700_001_009n,
      precommittedBlock: 2010n,
      precommittedAt: 1_700_001_020n,
      committedBlock: 2020n,
      committedAt: 1_700_001_044n,
      ackCount: 3,
      precommitCount: 2,
      commitCount: 2,
    }),
    taskRow(1, 2, { status: "ASSIGNED", miners: [minerAddress(2)] }),
    taskRow(1, 3, { status: "COMMITTED", queuedBlock: 4000n, queuedAt: 1_700_004_000n }),
    taskRow(1, 4, {
      queuedBlock: null,
      queuedAt: null,
      submittedBlock: 2500n,
      submittedAt: 1_700_002_500n,
    }),
    taskRow(2, 1, { ...ended(3100), queuedBlock: 3000n, queuedAt: 1_700_003_000n }),
    taskRow(3, 1, { status: "ACKED", taskData: null }),
    { ...taskRow(4, 1), sessionId: HUGE_SESSION, taskId: HUGE_TASK, globalId: HUGE_TASK },
    taskRow(1, 1, { chainId: 2, queuedBlock: 50n, queuedAt: 1_700_000_050n }),
    taskRow(5, 1, { chainId: 3, queuedBlock: 60n }),
    // A task whose session was never indexed.
    taskRow(9, 1, { status: "QUEUED" }),
  ]);
  const task11 = { sessionId: 1, taskId: 1 };
  await db.insert(taskAssignments).values([
    assignmentRow(task11, 1, 2002, {
      ...phaseAt("acked", 2004),
      ...phaseAt("precommitted", 2010),
      ...phaseAt("committed", 2020),
      ...outcomeAt("COMMITTED", 2100),
    }),
    assignmentRow(task11, 2, 2002, {
      ...phaseAt("acked", 2005),
      ...phaseAt("precommitted", 2011),
      ...phaseAt("committed", 2022),
      ...outcomeAt("DROPPED", 2100),
    }),
    assignmentRow(task11, 3, 2002, {
      ...phaseAt("acked", 2006),
      ...outcomeAt("MISSED_PRECOMMIT", 2100),
    }),
    assignmentRow({ sessionId: 1, taskId: 2 }, 2, 2003),
    assignmentRow({ sessionId: 2, taskId: 1 }, 3, 3001, outcomeAt("MISSED_ACK", 3100)),
    {
      ...assignmentRow({ sessionId: 0, taskId: 0 }, 4, 4100),
      sessionId: HUGE_SESSION,
      taskId: HUGE_TASK,
    },
    assignmentRow({ sessionId: 1, taskId: 1, chainId: 2 }, 1, 51),
  ]);
  await db.insert(taskResults).values([
    {
      chainId: 1,
      sessionId: "1",
      taskId: "1",
      miner: minerAddress(1),
      result: "urn:cortensor:result:1",
      resultHash: hash(77),
      blockNumber: 2100n,
    },
    {
      chainId: 1,
      sessionId: "1",
      taskId: "1",
      miner: minerAddress(2),
      result: 'a "quoted", result',
      blockNumber: 2100n,
    },
  ]);
  await db.insert(taskResultFetches).values([
    {
      chainId: 1,
      sessionId: "1",
      taskId: "1",
      contractAddress: address(0xc0ffee),
      blockNumber: 2100n,
      status: "DONE",
      attempts: 1,
    },
    {
      chainId: 1,
      sessionId: "2",
      taskId: "1",
      contractAddress: address(0xc0ffee),
      blockNumber: 3100n,
      status: "FAILED",
      attempts: 5,
      lastError: "boom",
    },
  ]);
  await db.insert(validations).values([
    validationRow(2200, 1, { verdict: "INVALID", score: (2n ** 90n).toString() }),
    validationRow(2150, 0),
    validationRow(3200, 0, {
      sessionId: "2",
      taskId: "1",
      miner: null,
      score: null,
      verdict: "RETRY",
    }),
  ]);
  await db.insert(nodes).values([
    nodeRow(1, {
      tasksAssigned: 1,
      tasksCommitted: 1,
      consecutiveSuccess: (2n ** 70n).toString(),
    }),
    nodeRow(2, { poolState: "REMOVED", version: "1.2.3" }),
    nodeRow(3, { poolState: null, nodeId: null, lastSeenBlock: 3000n }),
    nodeRow(1, { chainId: 2, lastSeenBlock: 40n }),
  ]);
  await db.insert(events).values([
    eventRow(1001, 0),
    eventRow(1001, 1, {
      eventName: null,
      abi: null,
      args: null,
      topics: [hash(1), hash(2)],
      data: "0xdeadbeef",
    }),
    eventRow(2100, 3, {
      eventName: "TaskEnded",
      args: { sessionId: "1", taskId: "1", miners: [minerAddress(1)], note: AWKWARD_TEXT },
    }),
    eventRow(4000, 0, { args: { huge: HUGE_TASK } }),
    eventRow(20, 0, { chainId: 2 }),
  ]);
  // The rows above bypass the projection, which keeps the task histories.
  await rebuildTaskHistories(db);
}
