import type { Hono } from "hono";
import type { Logger } from "pino";
import { type ExportOutcome, exportObserver } from "../../export/export-metrics.ts";
import { parseExportRequest } from "../../export/export-request.ts";
import { snapshotHeader } from "../../export/export-snapshot.ts";
import type { Chunk } from "../../export/formats/row-encoder.ts";
import type { ExportJobQueue } from "../../export/jobs/export-job-queue.ts";
import { type OpenedExport, openExport } from "../../export/open-export.ts";
import type { PhaseDatabaseResolver } from "../../export/phase-resolver.ts";
import type { Metrics } from "../../observability/metrics.ts";
import { badExportRequest } from "./export-errors.ts";
import { registerExportJobRoutes } from "./export-job-routes.ts";

/** Downloads streaming at once unless the host sets another limit; each holds a connection. */
export const DEFAULT_MAX_CONCURRENT_EXPORTS = 4;

export interface ExportRouteOptions {
  /** Without it (no database handle with a driver client) every export answers 503. */
  resolvePhaseDatabase?: PhaseDatabaseResolver;
  /** Export jobs on BullMQ; without it `/export/jobs` answers 503. */
  jobs?: ExportJobQueue;
  logger: Logger;
  /** Counts exports and exported rows when given. */
  metrics?: Metrics;
  maxConcurrent?: number;
}

/**
 * The export's bytes as a web stream that reads the next chunk only when the client takes one
 * (the HTTP server waits for the socket to drain): memory stays at one batch whatever the export's
 * size. A client that goes away cancels the stream, which ends the snapshot and frees the cursor.
 */
function chunkStream(
  opened: OpenedExport,
  logger: Logger,
  onEnd: (outcome: ExportOutcome) => void,
): ReadableStream<Uint8Array> {
  const chunks = opened.chunks();
  const encoder = new TextEncoder();
  let ended = false;
  const end = (outcome: ExportOutcome) => {
    if (ended) return;
    ended = true;
    onEnd(outcome);
  };
  const bytes = (chunk: Chunk) => (typeof chunk === "string" ? encoder.encode(chunk) : chunk);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) {
            controller.close();
            end("ok");
          } else {
            controller.enqueue(bytes(next.value));
          }
        } catch (error) {
          logger.error({ err: error, kind: opened.metadata.kind }, "export failed while streaming");
          controller.error(error);
          end("failed");
        }
      },
      async cancel() {
        await chunks.return(undefined);
        end("failed");
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * `GET /export/<kind>.<format>?<filters>`: the export streamed from one snapshot, stated in the
 * `X-Export-Snapshot` header (phase and each chain's indexed block). A bad request gets 400 naming
 * the parameter before any row is read. Also mounts the export job routes.
 */
export function registerExportRoutes(app: Hono, options: ExportRouteOptions): void {
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_EXPORTS;
  const observer = exportObserver(options.metrics);
  let running = 0;

  registerExportJobRoutes(app, options);

  app.get("/export/:file", async (c) => {
    const file = c.req.param("file");
    const dot = file.indexOf(".");
    const kind = dot < 0 ? file : file.slice(0, dot);
    const format = dot < 0 ? undefined : file.slice(dot + 1);
    let request: ReturnType<typeof parseExportRequest>;
    try {
      // Kind and format come from the path; the same in the query is a conflict, not an override.
      const query = c.req.queries();
      request = parseExportRequest({
        ...query,
        kind: [kind, ...(query.kind ?? [])],
        format: format === undefined ? query.format : [format, ...(query.format ?? [])],
      });
    } catch (error) {
      const refusal = badExportRequest(c, error);
      if (refusal) return refusal;
      throw error;
    }
    const resolvePhaseDatabase = options.resolvePhaseDatabase;
    if (!resolvePhaseDatabase) {
      return c.json({ error: "exports are not available on this server" }, 503);
    }
    if (running >= maxConcurrent) {
      return c.json(
        { error: `${maxConcurrent} exports are streaming already; retry when one has finished` },
        503,
        { "Retry-After": "30" },
      );
    }
    running++;
    let opened: OpenedExport;
    try {
      opened = await openExport(request, { resolvePhaseDatabase, onRows: observer.onRows });
    } catch (error) {
      running--;
      const refusal = badExportRequest(c, error);
      if (refusal) return refusal;
      observer.finished(request, "failed");
      throw error;
    }
    const body = chunkStream(opened, options.logger, (outcome) => {
      running--;
      observer.finished(request, outcome);
    });
    return new Response(body, {
      headers: {
        "Content-Type": opened.format.contentType,
        "Content-Disposition": `attachment; filename="${request.kind}.${request.format}"`,
        "Cache-Control": "no-store",
        "X-Export-Snapshot": snapshotHeader(opened.metadata.snapshot),
      },
    });
  });
}
