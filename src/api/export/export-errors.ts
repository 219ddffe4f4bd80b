import type { Context } from "hono";
import { PhaseError } from "../../phase/errors.ts";
import { ApiInputError } from "../errors.ts";

/**
 * The answer to an export request the client got wrong: 400 with the message and the parameter
 * at fault (`{ "error": "toBlock: 10 is below fromBlock 20", "argument": "toBlock" }`), or
 * undefined for an error that is the server's.
 */
export function badExportRequest(c: Context, error: unknown): Response | undefined {
  if (error instanceof ApiInputError || error instanceof PhaseError) {
    return c.json({ error: error.message, argument: error.argument }, 400);
  }
  return undefined;
}
