import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Machine-readable codes of the errors the HTTP layer answers with before GraphQL runs. */
export type HttpErrorCode =
  | "UNAUTHENTICATED"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "INTERNAL_SERVER_ERROR";

/**
 * A refusal shaped like a GraphQL response (`{ errors: [{ message, extensions: { code } }] }`), so
 * GraphQL clients show it like any other error; plain HTTP clients get the status and the message.
 */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: HttpErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return c.json({ errors: [{ message, extensions: { code } }] }, status, headers);
}
