DROP INDEX "task_assignments_assigned_at_idx";--> statement-breakpoint
DROP INDEX "tasks_queued_at_idx";--> statement-breakpoint
CREATE INDEX "task_assignments_assigned_at_idx" ON "task_assignments" USING btree ("chain_id","assigned_at","acked_at","precommitted_at","committed_at");--> statement-breakpoint
CREATE INDEX "tasks_queued_at_idx" ON "tasks" USING btree ("chain_id","queued_at","ended_at");