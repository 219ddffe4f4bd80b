CREATE TABLE "task_hourly_counts" (
	"chain_id" integer NOT NULL,
	"hour_start" bigint NOT NULL,
	"queued" integer DEFAULT 0 NOT NULL,
	"ended" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "task_hourly_counts_chain_id_hour_start_pk" PRIMARY KEY("chain_id","hour_start")
);
--> statement-breakpoint
CREATE TABLE "task_status_counts" (
	"chain_id" integer NOT NULL,
	"status" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "task_status_counts_chain_id_status_pk" PRIMARY KEY("chain_id","status")
);
--> statement-breakpoint
CREATE INDEX "task_assignments_assigned_at_idx" ON "task_assignments" USING btree ("chain_id","assigned_at");--> statement-breakpoint
CREATE INDEX "tasks_queued_desc_idx" ON "tasks" USING btree ("chain_id","queued_block" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tasks_queued_at_idx" ON "tasks" USING btree ("chain_id","queued_at");--> statement-breakpoint
CREATE INDEX "tasks_ended_at_idx" ON "tasks" USING btree ("chain_id","ended_at");--> statement-breakpoint
CREATE INDEX "validations_verdict_idx" ON "validations" USING btree ("chain_id","verdict");--> statement-breakpoint
-- Counters start from the tasks already indexed; from here on the projection keeps them.
INSERT INTO "task_status_counts" ("chain_id", "status", "count")
SELECT "chain_id", "status", count(*) FROM "tasks" GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO "task_hourly_counts" ("chain_id", "hour_start", "queued", "ended")
SELECT "chain_id", "hour_start", sum("queued"), sum("ended") FROM (
  SELECT "chain_id", "queued_at" - "queued_at" % 3600 AS "hour_start", 1 AS "queued", 0 AS "ended"
  FROM "tasks" WHERE "queued_at" IS NOT NULL
  UNION ALL
  SELECT "chain_id", "ended_at" - "ended_at" % 3600, 0, 1 FROM "tasks" WHERE "ended_at" IS NOT NULL
) AS "marks" GROUP BY 1, 2;
