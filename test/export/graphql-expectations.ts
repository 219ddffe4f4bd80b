import { getTableColumns } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Hono } from "hono";
import { events, nodes, sessions, tasks } from "../../src/db/schema/index.ts";
import { allItems } from "../fixtures/graphql.ts";
import type { CanonicalRow } from "./read-export.ts";

/** Export filters as given to the export (HTTP query / CLI), times in unix seconds. */
export type FilterParameters = Partial<
  Record<
    | "chain"
    | "network"
    | "fromBlock"
    | "toBlock"
    | "from"
    | "to"
    | "session"
    | "owner"
    | "miner"
    | "status",
    string
  >
>;

type Item = Record<string, unknown>;

/** How an export kind maps onto a GraphQL list. */
interface ListMapping {
  list: string;
  table: PgTable;
  extraFields?: string;
  range: { block: string; time: string };
  /** GraphQL `where` keys of the kind-specific filters it can express. */
  where: Partial<Record<"session" | "owner" | "miner" | "status", string>>;
  compare: (a: Item, b: Item) => number;
}

const big = (value: unknown) => BigInt(value as string);
const byNumber = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const byKey =
  (...keys: [string, "int" | "big" | "text"][]) =>
  (a: Item, b: Item) => {
    for (const [key, type] of keys) {
      const order =
        type === "text"
          ? String(a[key]).localeCompare(String(b[key]))
          : byNumber(big(String(a[key])), big(String(b[key])));
      if (order !== 0) return order;
    }
    return 0;
  };

const ASSIGNMENT_FIELDS =
  "miner status statusBlock assignedBlock assignedAt ackedBlock ackedAt precommittedBlock precommittedAt committedBlock committedAt inFinalList result { result resultHash }";
const VALIDATION_FIELDS =
  "validator miner verdict score validatorSessionId blockNumber logIndex blockTimestamp";

const MAPPINGS: Record<string, ListMapping> = {
  sessions: {
    list: "sessions",
    table: sessions,
    extraFields: "taskCount",
    range: { block: "createdBlock", time: "createdAt" },
    where: { session: "sessionId_in", owner: "owner", status: "state_in" },
    compare: byKey(["chainId", "int"], ["sessionId", "big"]),
  },
  tasks: {
    list: "tasks",
    table: tasks,
    extraFields: "session { owner sid state redundant } resultFetch { status }",
    range: { block: "queuedBlock", time: "queuedAt" },
    where: { session: "sessionId_in", status: "status_in" },
    compare: byKey(["chainId", "int"], ["sessionId", "big"], ["taskId", "big"]),
  },
  miners: {
    list: "nodes",
    table: nodes,
    range: { block: "lastSeenBlock", time: "lastSeenAt" },
    where: { miner: "address", status: "poolState_in" },
    compare: byKey(["chainId", "int"], ["address", "text"]),
  },
  events: {
    list: "events",
    table: events,
    range: { block: "blockNumber", time: "blockTimestamp" },
    where: {},
    compare: byKey(["chainId", "int"], ["blockNumber", "big"], ["logIndex", "int"]),
  },
};

const seconds = (from: unknown, to: unknown) =>
  from === null || to === null ? null : (big(to) - big(from)).toString();

const taskKey = (item: Item) => `${item.chainId}/${item.sessionId}/${item.taskId}`;

/** Items of a top-level list grouped by their task, each group without the task key fields. */
async function byTask(app: Hono, list: string, fields: string): Promise<Map<string, Item[]>> {
  const groups = new Map<string, Item[]>();
  for (const item of await allItems<Item>(app, list, {}, `chainId sessionId taskId ${fields}`)) {
    const { chainId: _chain, sessionId: _session, taskId: _task, ...rest } = item;
    const key = taskKey(item);
    groups.set(key, [...(groups.get(key) ?? []), rest]);
  }
  return groups;
}

/** The session-history row of a GraphQL task: its fields, session, latencies and relations. */
function historyRow(
  task: Item,
  columns: string[],
  related: { assignments: Map<string, Item[]>; validations: Map<string, Item[]> },
): CanonicalRow {
  const session = task.session as Item | null;
  const assignments = (related.assignments.get(taskKey(task)) ?? [])
    .map(({ result, ...assignment }) => ({
      ...assignment,
      result: (result as Item | null)?.result ?? null,
      resultHash: (result as Item | null)?.resultHash ?? null,
    }))
    .sort(byKey(["miner", "text"]));
  const verdicts = (related.validations.get(taskKey(task)) ?? []).sort(
    byKey(["blockNumber", "big"], ["logIndex", "int"]),
  );
  return {
    ...Object.fromEntries(columns.map((column) => [column, task[column]])),
    sessionOwner: session?.owner ?? null,
    sessionSid: session?.sid ?? null,
    sessionState: session?.state ?? null,
    sessionRedundant: session?.redundant ?? null,
    queuedToAssignedSeconds: seconds(task.queuedAt, task.assignedAt),
    assignedToAckedSeconds: seconds(task.assignedAt, task.ackedAt),
    ackedToPrecommittedSeconds: seconds(task.ackedAt, task.precommittedAt),
    precommittedToCommittedSeconds: seconds(task.precommittedAt, task.committedAt),
    committedToEndedSeconds: seconds(task.committedAt, task.endedAt),
    queuedToEndedSeconds: seconds(task.queuedAt, task.endedAt),
    assignments: assignments.length ? assignments : null,
    resultFetchStatus: (task.resultFetch as Item | null)?.status ?? null,
    validations: verdicts.length ? verdicts : null,
  };
}

/**
 * What GraphQL answers for the same filters as an export, as export rows in export order.
 * Filters GraphQL cannot express (a task's session owner or miners, a network) are applied to
 * its answer here; `networks` maps network names to their chains.
 */
export async function graphqlRows(
  app: Hono,
  kind: string,
  filters: FilterParameters,
  networks: Record<string, number[]>,
): Promise<CanonicalRow[]> {
  const mapping = MAPPINGS[kind];
  if (!mapping) throw new Error(`no mapping for ${kind}`);
  const columns = Object.keys(getTableColumns(mapping.table));
  const where: Item = {};
  let chainIds = filters.chain?.split(",").map(Number);
  if (filters.network) {
    const ofNetwork = networks[filters.network] ?? [];
    chainIds = chainIds ? chainIds.filter((id) => ofNetwork.includes(id)) : ofNetwork;
  }
  if (chainIds) where.chainId_in = chainIds;
  if (filters.fromBlock) where[`${mapping.range.block}_gte`] = filters.fromBlock;
  if (filters.toBlock) where[`${mapping.range.block}_lte`] = filters.toBlock;
  if (filters.from) where[`${mapping.range.time}_gte`] = filters.from;
  if (filters.to) where[`${mapping.range.time}_lte`] = filters.to;
  for (const name of ["session", "owner", "miner", "status"] as const) {
    const key = mapping.where[name];
    const value = filters[name];
    if (key && value) where[key] = key.endsWith("_in") ? value.split(",") : value;
  }
  const fields = `${columns.join(" ")} ${mapping.extraFields ?? ""}`;
  let items = await allItems<Item>(app, mapping.list, where, fields, { pageSize: 100 });
  if (kind === "tasks") {
    // Top-level lists rather than nested ones, which the API's query cost limit caps.
    const related = {
      assignments: await byTask(app, "taskAssignments", ASSIGNMENT_FIELDS),
      validations: await byTask(app, "validations", VALIDATION_FIELDS),
    };
    if (filters.owner)
      items = items.filter((task) => (task.session as Item | null)?.owner === filters.owner);
    if (filters.miner) {
      items = items.filter((task) =>
        (related.assignments.get(taskKey(task)) ?? []).some((a) => a.miner === filters.miner),
      );
    }
    return items.map((task) => historyRow(task, columns, related)).sort(mapping.compare);
  }
  const extra = kind === "sessions" ? ["taskCount"] : [];
  return items
    .map((item) =>
      Object.fromEntries([...columns, ...extra].map((column) => [column, item[column]])),
    )
    .sort(mapping.compare);
}
