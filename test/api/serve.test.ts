import { createServer } from "node:net";
import { expect, test } from "vitest";
import { createApiApp } from "../../src/api/create-app.ts";
import { serveApi } from "../../src/api/serve.ts";
import type { Database } from "../../src/db/client.ts";

const app = createApiApp({ database: { db: {} as Database } });

test("serves the app on a port and closes", async () => {
  const server = await serveApi({ app, port: 0, hostname: "127.0.0.1" });
  expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  const response = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, {
    headers: { accept: "application/json" },
  });
  expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  await server.close();
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
});

test("rejects when the port is taken", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const { port } = blocker.address() as { port: number };
  try {
    await expect(serveApi({ app, port, hostname: "127.0.0.1" })).rejects.toThrow(/EADDRINUSE/);
  } finally {
    blocker.close();
  }
});
