ALTER TABLE "task_result_fetches" ADD COLUMN IF NOT EXISTS "claimed_by" text;--> statement-breakpoint
ALTER TABLE "task_result_fetches" ADD COLUMN IF NOT EXISTS "claimed_until" timestamp with time zone;
