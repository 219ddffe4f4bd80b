import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { startLiveFeed } from "../../src/api/live/listen-indexed-ranges.ts";
import type { LiveFeed } from "../../src/api/live/live-feed.ts";
import { type ApiServer, serveApi } from "../../src/api/serve.ts";
import { InProcessWorkQueue } from "../../src/queue/in-process-work-queue.ts";
import { type SyncWorkers, startSyncWorkers } from "../../src/sync/start-sync-workers.ts";
import { queryData } from "../api/helpers.ts";
import { startTestDevnet, type TestDevnet } from "../fixtures/devnet.ts";
import { createTestDatabase, type TestDatabase } from "../fixtures/postgres.ts";
import { waitFor } from "../fixtures/wait-for.ts";

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it); never a downloaded one. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const CHAIN_ID = 31337;
const QUERY = `{ tasks(where: { chainId: ${CHAIN_ID} }, first: 3, orderBy: queuedBlock, orderDirection: desc) { totalCount items { sessionId taskId status } } }`;
const SUBSCRIPTION = `subscription { taskCreated(chainId: ${CHAIN_ID}) { sessionId taskId status } }`;

/** Replaces the query editor's text as a person pasting it would, then presses GraphiQL's run button. */
async function runInGraphiQL(page: Page, operation: string): Promise<void> {
  await page.locator(".graphiql-query-editor .monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(operation);
  await page.locator(".graphiql-execute-button").click();
}

/** The text GraphiQL's result pane shows (Monaco renders spaces as no-break spaces). */
async function resultPane(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, lines apart, is what a person reads
  const text = await page.locator(".graphiql-response").innerText();
  return text.replaceAll("\u00a0", " ");
}

/**
 * GraphiQL in a real browser against a live index: the devnet simulator keeps producing tasks,
 * workers index them, and the page runs a query and then a subscription fed over SSE by the
 * index transactions' NOTIFY.
 */
describe("GraphiQL in headless chromium", () => {
  let devnet: TestDevnet | undefined;
  let database: TestDatabase | undefined;
  let workers: SyncWorkers | undefined;
  let feed: LiveFeed | undefined;
  let server: ApiServer | undefined;
  let browser: BrowserContext | undefined;
  let simulation: Promise<unknown> | undefined;
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));

  beforeAll(async () => {
    devnet = await startTestDevnet({
      rounds: undefined,
      rate: 1,
      sessionsPerRound: 1,
      tasksPerSession: 2,
      seed: 11,
    });
    database = await createTestDatabase("e2e_browser");
    workers = await startSyncWorkers({
      network: devnet.network,
      database: database.handle,
      queue: new InProcessWorkQueue(),
      logger: pino({ level: "silent" }),
    });
    simulation = Promise.all(devnet.devnet.chains.map((chain) => chain.simulator.run()));
    feed = await startLiveFeed(database.handle, pino({ level: "silent" }));
    const app = createApiApp({ database: database.handle, live: feed });
    server = await serveApi({ app, port: 0, hostname: "127.0.0.1" });
    await waitFor("tasks indexed", async () => {
      const data = await queryData<{ tasks: { totalCount: number } }>(app, QUERY);
      return data.tasks.totalCount > 0;
    });
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await feed?.close();
    await server?.close();
    await workers?.stop();
    await devnet?.stop();
    await simulation?.catch(() => {});
    await database?.drop();
    rmSync(profile, { recursive: true, force: true });
  });

  it("runs a typed query and shows the data, then shows tasks arriving on a subscription", async () => {
    const page = await (browser as BrowserContext).newPage();
    await page.goto(`${server?.url}/graphql`);
    await page.locator(".graphiql-query-editor .monaco-editor").waitFor();

    await runInGraphiQL(page, QUERY);
    const result = await waitFor(
      "the query's result",
      async () => {
        const text = await resultPane(page);
        return /"totalCount": \d+/.test(text) ? text : null;
      },
      20_000,
    );
    expect(Number(/"totalCount": (\d+)/.exec(result)?.[1])).toBeGreaterThan(0);
    expect(result).toMatch(/"taskId": "\d+"/);
    expect(result).toMatch(/"status": "[A-Z]+"/);

    await runInGraphiQL(page, SUBSCRIPTION);
    const keyOf = (text: string) => {
      const match = /"sessionId": "(\d+)",\s*"taskId": "(\d+)"/.exec(text);
      return match ? `${match[1]}/${match[2]}` : null;
    };
    const first = await waitFor(
      "a task from the subscription",
      async () => {
        const text = await resultPane(page);
        return text.includes('"taskCreated"') ? keyOf(text) : null;
      },
      30_000,
    );
    const next = await waitFor(
      "another task arriving live",
      async () => {
        const key = keyOf(await resultPane(page));
        return key && key !== first ? key : null;
      },
      30_000,
    );
    expect(next).not.toBe(first);
    // Stop the subscription, as a person would before leaving.
    await page.locator(".graphiql-execute-button").click();
    await page.close();
  });
});
