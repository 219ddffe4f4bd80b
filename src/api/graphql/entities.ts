import { events, sessions, tasks } from "../../db/schema/index.ts";
import { tableEntitySpec } from "./table-spec.ts";

/** Sessions as a GraphQL entity. */
export const sessionSpec = tableEntitySpec({
  typeName: "Session",
  table: sessions,
  primaryKey: ["chainId", "sessionId"],
  kinds: {
    contractAddress: "address",
    owner: "address",
    state: { enumType: "SessionState" },
    createdTx: "hash",
  },
});

/** Tasks as a GraphQL entity; `taskData` is not filterable (free text of any length). */
export const taskSpec = tableEntitySpec({
  typeName: "Task",
  table: tasks,
  primaryKey: ["chainId", "sessionId", "taskId"],
  kinds: { status: { enumType: "TaskStatus" }, taskData: false },
});

/** Events as a GraphQL entity; the raw `data` is not filterable. */
export const eventSpec = tableEntitySpec({
  typeName: "Event",
  table: events,
  primaryKey: ["chainId", "blockNumber", "logIndex"],
  kinds: {
    blockHash: "hash",
    txHash: "hash",
    contractAddress: "address",
    topic0: "hash",
    data: false,
  },
});
