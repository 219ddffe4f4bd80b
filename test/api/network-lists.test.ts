import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import {
  cognitiveRoundMiners,
  cognitiveRounds,
  dedicatedNodes,
  nodes,
  routers,
  sessionNodeChanges,
  sessions,
} from "../../src/db/schema/index.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { cognitiveRoundRow, minerAddress, nodeId, nodeRow } from "./domain-fixtures.ts";
import { address, sessionRow } from "./fixtures.ts";
import { queryData } from "./helpers.ts";

const SESSION_CONTRACT = address(0xc0ffee);

let database: TestDatabase;
let app: Hono;

beforeAll(async () => {
  database = await createTestDatabase("api_network_lists");
  const { db } = database.handle;
  await db.insert(nodes).values([nodeRow(1), nodeRow(2)]);
  await db.insert(cognitiveRounds).values([
    cognitiveRoundRow(1, {
      startMiners: [minerAddress(1), minerAddress(2)],
      precommitCount: 2,
      commitCount: 1,
      forceEnded: false,
      startedBlock: 510n,
      endedBlock: 520n,
    }),
    cognitiveRoundRow(2, { phase: "STARTED" }),
  ]);
  await db.insert(cognitiveRoundMiners).values([
    {
      chainId: 1,
      roundId: "1",
      miner: minerAddress(1),
      precommittedBlock: 512n,
      committedBlock: 515n,
    },
    { chainId: 1, roundId: "1", miner: minerAddress(2), precommittedBlock: 513n },
  ]);
  await db.insert(routers).values([
    {
      chainId: 1,
      contractAddress: SESSION_CONTRACT,
      routerAddress: address(0x7000),
      routerInfo: "router one",
      state: "ACTIVE",
      addedBlock: 100n,
      updatedBlock: 100n,
    },
    {
      chainId: 1,
      contractAddress: SESSION_CONTRACT,
      routerAddress: address(0x7001),
      state: "REMOVED",
      updatedBlock: 120n,
    },
  ]);
  await db.insert(dedicatedNodes).values({
    chainId: 1,
    contractAddress: SESSION_CONTRACT,
    nodeAddress: minerAddress(2),
    state: "ACTIVE",
    addedBlock: 130n,
    updatedBlock: 130n,
  });
  await db
    .insert(sessions)
    .values(sessionRow(1, { routersClearedBlock: 700n, deposited: "1000", withdrawn: "250" }));
  await db.insert(sessionNodeChanges).values([
    ...[1, 2].map((miner, position) => ({
      chainId: 1,
      blockNumber: 150n,
      logIndex: 3,
      position,
      sessionId: "1",
      change: "ASSIGNED",
      nodeAddress: minerAddress(miner),
      assignmentType: "1",
      newNodeCount: "2",
    })),
    {
      chainId: 1,
      blockNumber: 160n,
      logIndex: 0,
      position: 0,
      sessionId: "1",
      change: "RELEASED",
      nodeId: nodeId(2),
    },
  ]);
  app = createApiApp({ database: database.handle });
});
afterAll(() => database.drop());

describe("Session", () => {
  test("exposes routers cleared, balances and node changes", async () => {
    const data = await queryData<{ session: unknown }>(
      app,
      `{ session(chainId: 1, sessionId: 1) {
        routersClearedBlock deposited withdrawn
        nodeChanges { items { blockNumber position change nodeAddress nodeId assignmentType newNodeCount node { address } } totalCount }
      } }`,
    );
    const assigned = (miner: number, position: number) => ({
      blockNumber: "150",
      position,
      change: "ASSIGNED",
      nodeAddress: minerAddress(miner),
      nodeId: null,
      assignmentType: "1",
      newNodeCount: "2",
      node: { address: minerAddress(miner) },
    });
    expect(data.session).toEqual({
      routersClearedBlock: "700",
      deposited: "1000",
      withdrawn: "250",
      nodeChanges: {
        items: [
          assigned(1, 0),
          assigned(2, 1),
          {
            blockNumber: "160",
            position: 0,
            change: "RELEASED",
            nodeAddress: null,
            nodeId: nodeId(2),
            assignmentType: null,
            newNodeCount: null,
            node: null,
          },
        ],
        totalCount: 3,
      },
    });
  });
});

describe("cognitive rounds", () => {
  test("list by phase with their miners and the miners' nodes", async () => {
    const data = await queryData<{ cognitiveRounds: unknown }>(
      app,
      `{ cognitiveRounds(where: { phase: ENDED }) {
        items {
          roundId phase startMiners precommitCount commitCount forceEnded startedBlock endedBlock
          miners { items { miner precommittedBlock committedBlock node { nodeId } } totalCount }
        }
        totalCount
      } }`,
    );
    expect(data.cognitiveRounds).toEqual({
      items: [
        {
          roundId: "1",
          phase: "ENDED",
          startMiners: [minerAddress(1), minerAddress(2)],
          precommitCount: 2,
          commitCount: 1,
          forceEnded: false,
          startedBlock: "510",
          endedBlock: "520",
          miners: {
            items: [
              {
                miner: minerAddress(1),
                precommittedBlock: "512",
                committedBlock: "515",
                node: { nodeId: nodeRow(1).nodeId },
              },
              {
                miner: minerAddress(2),
                precommittedBlock: "513",
                committedBlock: null,
                node: { nodeId: nodeRow(2).nodeId },
              },
            ],
            totalCount: 2,
          },
        },
      ],
      totalCount: 1,
    });
  });

  test("cognitiveRound(chainId, roundId) finds one round", async () => {
    const data = await queryData(app, "{ cognitiveRound(chainId: 1, roundId: 2) { phase } }");
    expect(data).toEqual({ cognitiveRound: { phase: "STARTED" } });
  });
});

describe("routers and dedicated nodes", () => {
  test("routers filter by state", async () => {
    const data = await queryData<{ routers: unknown }>(
      app,
      `{ routers(where: { state: "ACTIVE" }) {
        items { contractAddress routerAddress routerInfo state addedBlock updatedBlock } totalCount
      } }`,
    );
    expect(data.routers).toEqual({
      items: [
        {
          contractAddress: SESSION_CONTRACT,
          routerAddress: address(0x7000),
          routerInfo: "router one",
          state: "ACTIVE",
          addedBlock: "100",
          updatedBlock: "100",
        },
      ],
      totalCount: 1,
    });
  });

  test("dedicated nodes reach their node", async () => {
    const data = await queryData<{ dedicatedNodes: unknown }>(
      app,
      "{ dedicatedNodes { items { nodeAddress state addedBlock node { address poolState } } } }",
    );
    expect(data.dedicatedNodes).toEqual({
      items: [
        {
          nodeAddress: minerAddress(2),
          state: "ACTIVE",
          addedBlock: "130",
          node: { address: minerAddress(2), poolState: "ADDED" },
        },
      ],
    });
  });
});
