import type { Database } from "../../db/client.ts";
import { ApiInputError } from "../errors.ts";
import { type ApiContext, createApiContext, type PhaseAccess } from "./context.ts";
import { type RequestParams, requestedPhase } from "./phase-argument.ts";

export interface RequestContextOptions extends PhaseAccess {
  /** The tables read when the app has no phases. */
  db: Database;
  maxPageSize: number;
}

/**
 * The context of one GraphQL request, on the tables of the phase it asked for (the `phase`
 * argument of its root fields) or of the serving phase. The serving phase is read per request,
 * so a reset's switch shows on the next request, on every API replica.
 */
export async function createRequestContext(
  options: RequestContextOptions,
  { request, params }: { request?: Request; params?: RequestParams },
): Promise<ApiContext> {
  const asked = params ? requestedPhase(params) : undefined;
  const access = { phases: options.phases, admin: options.admin, request };
  if (!options.phases) {
    if (asked !== undefined) throw new ApiInputError("phase", "this server has no phases");
    return createApiContext(options.db, options.maxPageSize, access);
  }
  const { phase, database } = await options.phases.resolve(asked);
  return createApiContext(database.db, options.maxPageSize, { ...access, phase });
}
