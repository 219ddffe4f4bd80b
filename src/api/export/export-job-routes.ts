import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Hono } from "hono";
import { ExportRequestError } from "../../export/errors.ts";
import { type ExportParameters, parseExportRequest } from "../../export/export-request.ts";
import { FILE_FORMATS } from "../../export/formats/index.ts";
import type { ExportJobQueue } from "../../export/jobs/export-job-queue.ts";
import type { PhaseDatabaseResolver } from "../../export/phase-resolver.ts";
import { badExportRequest } from "./export-errors.ts";

/** A JSON body's values as export parameters: strings, numbers, or lists of them. */
function bodyParameters(body: unknown): ExportParameters {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ExportRequestError("body", "expected a JSON object of export parameters");
  }
  const scalar = (name: string, value: unknown) => {
    if (typeof value === "string" || typeof value === "number") return String(value);
    throw new ExportRequestError(name, "expected a string, a number or a list of them");
  };
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map((item) => scalar(name, item)) : scalar(name, value),
    ]),
  );
}

const notConfigured = {
  error: "export jobs are not available on this server (they need Redis: set REDIS_URL)",
};

/**
 * `POST /export/jobs` (JSON body: `kind`, `format` and filters) validates the request and its
 * phase, queues it and answers 202 with the job id; `GET /export/jobs/:id` reports its state and
 * progress (rows written, total) and, once completed, the file and its metadata, which
 * `GET /export/jobs/:id/file` serves when this server can read the workers' files.
 */
export function registerExportJobRoutes(
  app: Hono,
  options: { jobs?: ExportJobQueue; resolvePhaseDatabase?: PhaseDatabaseResolver },
): void {
  app.post("/export/jobs", async (c) => {
    const { jobs, resolvePhaseDatabase } = options;
    if (!jobs || !resolvePhaseDatabase) return c.json(notConfigured, 503);
    try {
      const request = parseExportRequest(bodyParameters(await c.req.json().catch(() => null)));
      await resolvePhaseDatabase(request.phase);
      const id = await jobs.enqueue(request);
      return c.json({ id, status: `/export/jobs/${id}` }, 202, {
        Location: `/export/jobs/${id}`,
      });
    } catch (error) {
      const refusal = badExportRequest(c, error);
      if (refusal) return refusal;
      throw error;
    }
  });

  app.get("/export/jobs/:id", async (c) => {
    if (!options.jobs) return c.json(notConfigured, 503);
    const status = await options.jobs.status(c.req.param("id"));
    return status ? c.json(status) : c.json({ error: "no such export job" }, 404);
  });

  app.get("/export/jobs/:id/file", async (c) => {
    if (!options.jobs) return c.json(notConfigured, 503);
    const status = await options.jobs.status(c.req.param("id"));
    if (!status) return c.json({ error: "no such export job" }, 404);
    if (!status.result) return c.json({ error: `the job is ${status.state}` }, 409);
    const { file, metadata } = status.result;
    const size = await stat(file).then(
      (info) => info.size,
      () => undefined,
    );
    if (size === undefined) return c.json({ error: "the job's file is not on this server" }, 404);
    const format = FILE_FORMATS[metadata.format as keyof typeof FILE_FORMATS];
    return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": format.contentType,
        "Content-Length": String(size),
        "Content-Disposition": `attachment; filename="${metadata.kind}.${metadata.format}"`,
      },
    });
  });
}
