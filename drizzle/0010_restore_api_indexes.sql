-- The API's secondary indexes of events, sessions and tasks, built again where a worker of
-- commits 0b8d4b9 to 7dda95a (which deferred them during first backfills, since removed)
-- dropped them and never rebuilt them. Elsewhere every statement is a no-op.
CREATE INDEX IF NOT EXISTS "events_chain_name_idx" ON "events" USING btree ("chain_id","event_name","block_number");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "events_contract_idx" ON "events" USING btree ("contract_address","block_number");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sessions_owner_idx" ON "sessions" USING btree ("chain_id","owner");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sessions_created_idx" ON "sessions" USING btree ("chain_id","created_block");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_status_idx" ON "tasks" USING btree ("chain_id","status");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_global_idx" ON "tasks" USING btree ("chain_id","global_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_queued_idx" ON "tasks" USING btree ("chain_id","queued_block");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_queued_desc_idx" ON "tasks" USING btree ("chain_id","queued_block" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_queued_at_idx" ON "tasks" USING btree ("chain_id","queued_at","ended_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_ended_at_idx" ON "tasks" USING btree ("chain_id","ended_at");--> statement-breakpoint
DROP TABLE IF EXISTS "deferred_indexes";
