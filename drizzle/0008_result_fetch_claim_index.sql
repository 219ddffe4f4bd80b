DROP INDEX IF EXISTS "task_result_fetches_status_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "task_result_fetches_pending_idx" ON "task_result_fetches" USING btree ("chain_id","status","block_number");
