import type { ProjectedLog } from "../decode/decode-log.ts";

/** Primary-key values of the rows a batch may read, per table (values in column order). */
export interface StateKeys {
  sessions: [number, string][];
  tasks: [number, string, string][];
  nodes: [number, string][];
  nodeStats: [number, string][];
  routers: [number, string, string][];
  dedicatedNodes: [number, string, string][];
  cognitiveRounds: [number, string][];
  cognitiveRoundMiners: [number, string, string][];
}

class KeySet<K extends unknown[]> {
  private readonly seen = new Map<string, K>();
  add(...key: K): void {
    this.seen.set(key.join(":"), key);
  }
  values(): K[] {
    return [...this.seen.values()];
  }
}

const asString = (value: unknown) => String(value);

/**
 * The rows the events of a batch touch, read from their arguments. Assignments are loaded per
 * task, and the nodes of those assignments' miners in a second step (see sync/projection-store.ts).
 */
export function collectStateKeys(logs: readonly ProjectedLog[]): StateKeys {
  const sessions = new KeySet<[number, string]>();
  const tasks = new KeySet<[number, string, string]>();
  const nodes = new KeySet<[number, string]>();
  const nodeStats = new KeySet<[number, string]>();
  const routers = new KeySet<[number, string, string]>();
  const dedicatedNodes = new KeySet<[number, string, string]>();
  const rounds = new KeySet<[number, string]>();
  const roundMiners = new KeySet<[number, string, string]>();

  for (const log of logs) {
    const args = log.args;
    if (!args) continue;
    const chain = log.chainId;
    const contract = log.address.toLowerCase();
    switch (log.contractKind) {
      case "SessionV2":
      case "SessionQueueV2":
        if (args.sessionId !== undefined) sessions.add(chain, asString(args.sessionId));
        if (args.sessionId !== undefined && args.taskId !== undefined) {
          tasks.add(chain, asString(args.sessionId), asString(args.taskId));
        }
        for (const miner of [args.miner, ...((args.miners as unknown[]) ?? [])]) {
          if (typeof miner === "string") nodes.add(chain, miner);
        }
        if (typeof args.routerAddress === "string")
          routers.add(chain, contract, args.routerAddress);
        if (log.contractKind === "SessionV2" && typeof args.nodeAddress === "string") {
          dedicatedNodes.add(chain, contract, args.nodeAddress);
        }
        break;
      case "NodePool":
      case "NodeVersion":
      case "CognitiveLevel":
        for (const address of [args.nodeAddress, args.node]) {
          if (typeof address === "string") nodes.add(chain, address);
        }
        break;
      case "NodeStats":
        if (typeof args.miner === "string") nodes.add(chain, args.miner);
        for (const nodeId of [args.nodeId, args.node]) {
          if (typeof nodeId === "string") nodeStats.add(chain, nodeId);
        }
        break;
      case "CognitiveV1":
        if (args.id !== undefined) rounds.add(chain, asString(args.id));
        if (args.id !== undefined && typeof args.addr === "string") {
          roundMiners.add(chain, asString(args.id), args.addr);
        }
        break;
      default:
        break;
    }
  }
  return {
    sessions: sessions.values(),
    tasks: tasks.values(),
    nodes: nodes.values(),
    nodeStats: nodeStats.values(),
    routers: routers.values(),
    dedicatedNodes: dedicatedNodes.values(),
    cognitiveRounds: rounds.values(),
    cognitiveRoundMiners: roundMiners.values(),
  };
}
