import { eventsExport } from "./events.ts";
import type { ExportKind } from "./export-kind.ts";
import { minersExport } from "./miners.ts";
import { sessionsExport } from "./sessions.ts";
import { tasksExport } from "./tasks.ts";

/** Every kind of export, by the name used in `/export/<kind>.<format>` and the CLI. */
export const EXPORT_KINDS = {
  sessions: sessionsExport,
  tasks: tasksExport,
  miners: minersExport,
  events: eventsExport,
} as const satisfies Record<string, ExportKind>;

export type ExportKindName = keyof typeof EXPORT_KINDS;
