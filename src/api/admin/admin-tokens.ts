import type { ApiKey } from "../../config/env.ts";
import type { ResetContext } from "../../reset/run-reset.ts";
import { keyMatcher } from "../middleware/api-keys.ts";

/** What admin actions need: the tokens that allow them and what a reset acts on. */
export interface AdminOptions {
  /** `ADMIN_TOKENS`; with none configured every admin action is refused. */
  tokens: readonly ApiKey[];
  reset: ResetContext;
}

/** Header that carries an admin token (Authorization may already carry an API key). */
export const ADMIN_TOKEN_HEADER = "x-admin-token";

const BEARER = /^Bearer\s+(.+)$/i;

/**
 * The name of the admin token a request presents, compared in constant time, or undefined.
 * `X-Admin-Token` always works; `Authorization: Bearer` too where no API key uses it (`/admin`).
 */
export function adminTokenName(
  request: Request,
  tokens: readonly ApiKey[],
  { bearer }: { bearer: boolean },
): string | undefined {
  if (tokens.length === 0) return undefined;
  const presented =
    request.headers.get(ADMIN_TOKEN_HEADER)?.trim() ||
    (bearer ? BEARER.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() : undefined);
  return presented ? keyMatcher(tokens)(presented) : undefined;
}
