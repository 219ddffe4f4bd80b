import type { GraphqlError } from "./helpers.ts";

/** One result of a subscription, as yoga sends it in an SSE `next` event. */
export interface SubscriptionResult<TData> {
  data?: TData;
  errors?: GraphqlError[];
}

/** A GraphQL subscription opened over Server-Sent Events. */
export interface SseSubscription<TData> {
  /** The next result; fails when none arrives within `timeoutMs` or the stream ended. */
  next(timeoutMs?: number): Promise<SubscriptionResult<TData>>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Disconnects, as a browser leaving the page does. */
  close(): void;
}

/** Anything that answers a Request: a Hono app's `fetch` or the global fetch of a real server. */
export type Send = (request: Request) => Response | Promise<Response>;

/**
 * Sends a subscription with `Accept: text/event-stream` (GraphQL over SSE, yoga's
 * "distinct connections" mode) and reads the events as they arrive.
 */
export async function openSubscription<TData = Record<string, unknown>>(
  send: Send,
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<SseSubscription<TData>> {
  const abort = new AbortController();
  const response = await send(
    new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
      body: JSON.stringify({ query }),
      signal: abort.signal,
    }),
  );
  if (!response.ok || !response.body) {
    throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
  }
  const results: SubscriptionResult<TData>[] = [];
  const waiters: (() => void)[] = [];
  let done = false;
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let boundary = buffer.indexOf("\n\n");
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data && (event === undefined || event === "next")) {
            results.push(JSON.parse(data) as SubscriptionResult<TData>);
            wake();
          }
          boundary = buffer.indexOf("\n\n");
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      done = true;
      wake();
    }
  })();
  return {
    async next(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length === 0) {
        if (done) throw new Error("the subscription ended");
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no subscription event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return results.shift() as SubscriptionResult<TData>;
    },
    ended,
    close: () => abort.abort(),
  };
}
