import { z } from "zod";
import { ExportRequestError } from "./errors.ts";
import { FILTER_NAMES, type FilterName } from "./kinds/export-kind.ts";
import { EXPORT_KINDS, type ExportKindName } from "./kinds/index.ts";

export const EXPORT_FORMATS = ["csv", "ndjson", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Filters of a validated request; absent ones do not narrow. Times are unix seconds. */
export interface ExportFilters {
  chainIds?: number[];
  network?: string;
  fromBlock?: bigint;
  toBlock?: bigint;
  from?: bigint;
  to?: bigint;
  sessionIds?: string[];
  owner?: string;
  miner?: string;
  statuses?: string[];
}

/** A validated export request. */
export interface ExportRequest {
  kind: ExportKindName;
  format: ExportFormat;
  /** Phase id; undefined = the phase being served. */
  phase?: string;
  filters: ExportFilters;
}

/** Raw parameters as they arrive: HTTP query values (repeatable) or CLI options. */
export type ExportParameters = Record<string, string | readonly string[] | undefined>;

/** Most session ids one request may list. */
export const MAX_SESSION_IDS = 1000;

const UINT256_MAX = 2n ** 256n - 1n;
const INT64_MAX = 2n ** 63n - 1n;
/** Parameters that take comma-separated lists and may also be repeated. */
const LIST_PARAMETERS = new Set(["chain", "session", "status"]);

const list = <T>(item: z.ZodType<T, string>, max: number) =>
  z
    .string()
    .transform((value) => value.split(",").map((part) => part.trim()))
    .pipe(z.array(item).min(1).max(max, `at most ${max} values`));

const blockNumber = z
  .string()
  .regex(/^\d{1,19}$/, "expected a block number (a decimal integer)")
  .transform(BigInt)
  .refine((value) => value <= INT64_MAX, "is beyond the 64-bit range of block numbers");

/** A point in time: unix seconds, or an ISO 8601 date-time with a zone (or a plain date, UTC). */
const pointInTime = z.string().transform((value, ctx) => {
  if (/^\d{1,12}$/.test(value)) return BigInt(value);
  const iso = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
  const millis = iso.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(millis)) {
    ctx.addIssue({
      code: "custom",
      message: `expected unix seconds or an ISO 8601 time such as 2025-01-31T00:00:00Z, got "${value}"`,
    });
    return z.NEVER;
  }
  return BigInt(Math.floor(millis / 1000));
});

const address = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.string().regex(/^0x[0-9a-f]{40}$/, "expected an address: 0x and 40 hex digits"));

const uint256 = z
  .string()
  .regex(/^\d{1,78}$/, "expected decimal integers")
  .transform((value) => BigInt(value))
  .refine((value) => value <= UINT256_MAX, "is beyond the uint256 range")
  .transform((value) => value.toString());

const parametersSchema = z.strictObject({
  kind: z.enum(Object.keys(EXPORT_KINDS) as [ExportKindName, ...ExportKindName[]], {
    error: `expected one of ${Object.keys(EXPORT_KINDS).join(", ")}`,
  }),
  format: z.enum(EXPORT_FORMATS, { error: `expected one of ${EXPORT_FORMATS.join(", ")}` }),
  phase: z.string().min(1).optional(),
  chain: list(
    z
      .string()
      .regex(/^\d{1,9}$/, "expected chain ids (decimal integers)")
      .transform(Number),
    100,
  ).optional(),
  network: z.string().min(1).optional(),
  fromBlock: blockNumber.optional(),
  toBlock: blockNumber.optional(),
  from: pointInTime.optional(),
  to: pointInTime.optional(),
  session: list(uint256, MAX_SESSION_IDS).optional(),
  owner: address.optional(),
  miner: address.optional(),
  status: list(z.string().min(1), 20).optional(),
});

type ParsedParameters = z.infer<typeof parametersSchema>;

/** One value per parameter: list parameters join repeats with commas, others must be single. */
function singleValues(parameters: ExportParameters): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    if (typeof value === "string") {
      values[name] = value;
      continue;
    }
    const distinct = [...new Set(value)];
    if (distinct.length > 1 && !LIST_PARAMETERS.has(name)) {
      throw new ExportRequestError(name, "given more than once with different values");
    }
    values[name] = distinct.join(",");
  }
  return values;
}

function firstIssue(error: z.ZodError): ExportRequestError {
  const [issue] = error.issues;
  if (issue?.code === "unrecognized_keys") {
    const [key] = issue.keys;
    return new ExportRequestError(
      key ?? "request",
      `unknown parameter; known ones are kind, format, phase, ${FILTER_NAMES.join(", ")}`,
    );
  }
  const [name] = issue?.path ?? [];
  return new ExportRequestError(String(name ?? "request"), issue?.message ?? "invalid");
}

/** The request's filters that the kind does not take, in the order given. */
function rejectInapplicableFilters(parsed: ParsedParameters): void {
  const kind = EXPORT_KINDS[parsed.kind];
  for (const name of FILTER_NAMES) {
    if (parsed[name] !== undefined && !kind.filters.includes(name)) {
      throw new ExportRequestError(
        name,
        `does not apply to ${kind.name} exports, which take ${kind.filters.join(", ")}`,
      );
    }
  }
}

function checkStatuses(parsed: ParsedParameters): void {
  const { statuses, meaning } = EXPORT_KINDS[parsed.kind];
  const unknown = parsed.status?.find((status) => !statuses?.includes(status));
  if (unknown !== undefined) {
    throw new ExportRequestError(
      "status",
      `"${unknown}" is not ${meaning.status ?? "a status"}; expected one of ${statuses?.join(", ")}`,
    );
  }
}

/** Ranges must not be inverted, and block numbers only mean something on one chain. */
function checkRanges(parsed: ParsedParameters): void {
  const { fromBlock, toBlock, from, to } = parsed;
  if (fromBlock !== undefined && toBlock !== undefined && fromBlock > toBlock) {
    throw new ExportRequestError("toBlock", `${toBlock} is below fromBlock ${fromBlock}`);
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new ExportRequestError("to", "is before from");
  }
  if ((fromBlock !== undefined || toBlock !== undefined) && parsed.chain?.length !== 1) {
    throw new ExportRequestError(
      fromBlock !== undefined ? "fromBlock" : "toBlock",
      "a block range needs exactly one chain (chain=<id>): block numbers differ between chains",
    );
  }
}

/**
 * Validates export parameters: the kind and format, each filter's syntax, that the kind takes
 * it, and that filters agree with each other (ranges not inverted, a block range on one chain).
 *
 * @throws ExportRequestError naming the parameter at fault.
 * @example
 * parseExportRequest({ kind: "tasks", format: "csv", chain: "31337", status: "ENDED" });
 */
export function parseExportRequest(parameters: ExportParameters): ExportRequest {
  const result = parametersSchema.safeParse(singleValues(parameters));
  if (!result.success) throw firstIssue(result.error);
  const parsed = result.data;
  rejectInapplicableFilters(parsed);
  checkStatuses(parsed);
  checkRanges(parsed);
  const filters: ExportFilters = {
    chainIds: parsed.chain ? [...new Set(parsed.chain)] : undefined,
    network: parsed.network,
    fromBlock: parsed.fromBlock,
    toBlock: parsed.toBlock,
    from: parsed.from,
    to: parsed.to,
    sessionIds: parsed.session ? [...new Set(parsed.session)] : undefined,
    owner: parsed.owner,
    miner: parsed.miner,
    statuses: parsed.status ? [...new Set(parsed.status)] : undefined,
  };
  return {
    kind: parsed.kind,
    format: parsed.format,
    phase: parsed.phase,
    filters: Object.fromEntries(
      Object.entries(filters).filter(([, value]) => value !== undefined),
    ) as ExportFilters,
  };
}

/** The filters as parameters again (JSON-safe), for metadata and queued jobs. */
export function describeFilters(filters: ExportFilters): Record<string, string> {
  const described: Partial<Record<FilterName, string>> = {
    chain: filters.chainIds?.join(","),
    network: filters.network,
    fromBlock: filters.fromBlock?.toString(),
    toBlock: filters.toBlock?.toString(),
    from: filters.from?.toString(),
    to: filters.to?.toString(),
    session: filters.sessionIds?.join(","),
    owner: filters.owner,
    miner: filters.miner,
    status: filters.statuses?.join(","),
  };
  return Object.fromEntries(
    Object.entries(described).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
