import { ApiInputError } from "../api/errors.ts";

/**
 * An export request the caller got wrong (unknown kind or format, a malformed, inapplicable or
 * contradictory filter, an inverted range). Raised before any row is read; `argument` names the
 * parameter at fault, which the API returns with a 400 and the CLI prints.
 */
export class ExportRequestError extends ApiInputError {}

/** More exports are running than the server allows at once; the client should retry later. */
export class TooManyExportsError extends Error {
  constructor(readonly limit: number) {
    super(`${limit} exports are running already; retry when one has finished`);
    this.name = new.target.name;
  }
}

/**
 * The reader of the export's standard output closed it (`… --out - | head`): the export stops,
 * as a process killed by SIGPIPE would.
 */
export class OutputClosedError extends Error {
  override name = "OutputClosedError";

  constructor() {
    super("the reader of standard output closed it");
  }
}

/**
 * Writing the export's output failed part-way (a full disk, a device refusing writes). The
 * message names the output and the system's reason; a file export leaves nothing behind.
 */
export class ExportOutputError extends Error {
  override name = "ExportOutputError";

  constructor(
    readonly out: string,
    cause: unknown,
  ) {
    super(`cannot write ${out}: ${systemReason(cause)}`, { cause });
  }
}

/** "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write". */
function systemReason(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(error);
  if (typeof code !== "string") return text;
  const description = text.replace(`${code}: `, "").replace(/, \w+( '.*')?$/, "");
  return `${description} (${code})`;
}
