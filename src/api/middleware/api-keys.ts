import { createHash, timingSafeEqual } from "node:crypto";
import { shouldRenderGraphiQL } from "graphql-yoga";
import type { Context, MiddlewareHandler } from "hono";
import type { ApiKey } from "../../config/env.ts";
import { errorResponse } from "./error-response.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Name of the API key the request presented, once it was accepted. */
    apiKeyName: string | undefined;
  }
}

const BEARER = /^Bearer\s+(.+)$/i;

/** Where yoga serves GraphiQL to a browser's GET; nowhere else is a page exempt from keys. */
const GRAPHIQL_PATH = "/graphql";

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** The key a request presents: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
function presentedKey(c: Context): string | undefined {
  const bearer = BEARER.exec(c.req.header("authorization") ?? "")?.[1]?.trim();
  return bearer || c.req.header("x-api-key")?.trim() || undefined;
}

/**
 * Matches a presented key against every configured one in constant time: digests have one length,
 * so timingSafeEqual applies, and every key is compared whether or not an earlier one matched.
 */
export function keyMatcher(keys: readonly ApiKey[]): (presented: string) => string | undefined {
  const digests = keys.map(({ name, key }) => ({ name, digest: sha256(key) }));
  return (presented) => {
    const digest = sha256(presented);
    let match: string | undefined;
    for (const candidate of digests) {
      if (timingSafeEqual(candidate.digest, digest)) match = candidate.name;
    }
    return match;
  };
}

/**
 * Requires one of `keys` on every request it guards; 401 otherwise. The accepted key's name (never
 * the key) is kept as `apiKeyName` for logs and rate limits. The GraphiQL page itself loads without
 * a key, since it holds no data; the operations it sends need one (GraphiQL's Headers tab).
 */
export function requireApiKey(keys: readonly ApiKey[]): MiddlewareHandler {
  const match = keyMatcher(keys);
  return async (c, next) => {
    if (c.req.path === GRAPHIQL_PATH && shouldRenderGraphiQL(c.req.raw)) return next();
    const presented = presentedKey(c);
    const name = presented === undefined ? undefined : match(presented);
    if (name === undefined) {
      const message = presented
        ? "the API key is not valid"
        : "an API key is required: send Authorization: Bearer <key> or x-api-key: <key>";
      return errorResponse(c, 401, "UNAUTHENTICATED", message, {
        "WWW-Authenticate": 'Bearer realm="cortensor-indexer"',
      });
    }
    c.set("apiKeyName", name);
    return next();
  };
}
