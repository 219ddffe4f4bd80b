import type { Hono } from "hono";
import { z } from "zod";
import { ConfigError } from "../../config/errors.ts";
import { PhaseError, PhaseExistsError, ResetInProgressError } from "../../phase/errors.ts";
import { describeReset } from "../../reset/describe-reset.ts";
import { performReset, SWITCH_MODES } from "../../reset/perform-reset.ts";
import { type AdminOptions, adminTokenName } from "./admin-tokens.ts";

const resetBody = z.strictObject({
  phase: z.string().min(1),
  network: z.string().min(1),
  /** `{ "<chainId>": "<block>" }`. */
  startBlocks: z.record(z.string().regex(/^\d+$/), z.string().regex(/^\d+$/)).optional(),
  switch: z.enum(SWITCH_MODES as [string, ...string[]]).optional(),
});

/**
 * `POST /admin/reset`: the CLI's `reset` over HTTP. It needs an admin token (`Authorization:
 * Bearer` or `X-Admin-Token`): none or a wrong one gets 401 and nothing happens. A malformed body
 * gets 400 naming the field; the answer is the reset as journaled, once it has ended.
 */
export function registerAdminRoutes(app: Hono, admin: AdminOptions | undefined): void {
  app.post("/admin/reset", async (c) => {
    const tokens = admin?.tokens ?? [];
    const name = adminTokenName(c.req.raw, tokens, { bearer: true });
    if (!admin || !name) {
      const message =
        tokens.length === 0
          ? "admin actions are disabled: the server has no ADMIN_TOKENS"
          : "a valid admin token is required (Authorization: Bearer <token> or X-Admin-Token)";
      return c.json({ error: message }, 401, { "WWW-Authenticate": 'Bearer realm="admin"' });
    }
    const parsed = resetBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "body";
      return c.json({ error: `${field}: ${issue?.message ?? "expected a JSON object"}` }, 400);
    }
    const body = parsed.data;
    try {
      const outcome = await performReset(admin.reset, {
        phase: body.phase,
        network: body.network,
        startBlocks: new Map(
          Object.entries(body.startBlocks ?? {}).map(([chain, block]) => [
            Number(chain),
            BigInt(block),
          ]),
        ),
        switch: body.switch as (typeof SWITCH_MODES)[number] | undefined,
        requestedBy: name,
      });
      return c.json({ created: outcome.created, reset: describeReset(outcome.reset) });
    } catch (error) {
      if (error instanceof PhaseExistsError || error instanceof ResetInProgressError) {
        return c.json({ error: error.message }, 409);
      }
      if (error instanceof PhaseError || error instanceof ConfigError) {
        return c.json({ error: error.message }, 400);
      }
      throw error;
    }
  });
}
