import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

/** Options of serveApi. */
export interface ServeApiOptions {
  /** The app from createApiApp (anything with a fetch handler). */
  app: { fetch: (request: Request) => Response | Promise<Response> };
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; all interfaces by default. */
  hostname?: string;
}

/** A listening API server. */
export interface ApiServer {
  /** Base URL without a trailing slash, e.g. `http://localhost:4000`. */
  url: string;
  port: number;
  /** Stops accepting connections, drops idle keep-alive ones and waits for the rest. */
  close(): Promise<void>;
}

function baseUrl(hostname: string | undefined, port: number): string {
  const host = hostname && hostname !== "0.0.0.0" && hostname !== "::" ? hostname : "localhost";
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Listens with @hono/node-server; resolves once the port is bound, rejects if it cannot be. */
export function serveApi(options: ServeApiOptions): Promise<ApiServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: options.app.fetch, port: options.port, hostname: options.hostname },
      (info: AddressInfo) => {
        server.off("error", reject);
        resolve({
          url: baseUrl(options.hostname, info.port),
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ("closeIdleConnections" in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
