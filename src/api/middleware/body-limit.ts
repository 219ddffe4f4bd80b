import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorResponse } from "./error-response.ts";

/**
 * Largest request body accepted by default. A dashboard query is a few kilobytes and the token
 * limit refuses anything near this size anyway; the cap keeps a client from making the server
 * buffer and parse megabytes first.
 */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * Refuses bodies above `maxBytes` with 413, before they are read in full. The rest of the body is
 * never read, so the connection is closed after the answer rather than reused with unread bytes.
 */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      errorResponse(
        c,
        413,
        "PAYLOAD_TOO_LARGE",
        `request body larger than ${maxBytes} bytes; send a shorter query`,
        { Connection: "close" },
      ),
  });
}
