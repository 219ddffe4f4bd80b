CREATE TABLE "task_assignments" (
	"chain_id" integer NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"task_id" numeric(78, 0) NOT NULL,
	"miner" text NOT NULL,
	"assigned_block" bigint NOT NULL,
	"assigned_at" bigint NOT NULL,
	"acked_block" bigint,
	"acked_at" bigint,
	"precommitted_block" bigint,
	"precommitted_at" bigint,
	"committed_block" bigint,
	"committed_at" bigint,
	"in_final_list" boolean,
	"outcome" text DEFAULT 'PENDING' NOT NULL,
	"outcome_block" bigint,
	CONSTRAINT "task_assignments_chain_id_session_id_task_id_miner_pk" PRIMARY KEY("chain_id","session_id","task_id","miner")
);
--> statement-breakpoint
CREATE TABLE "task_result_fetches" (
	"chain_id" integer NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"task_id" numeric(78, 0) NOT NULL,
	"contract_address" text NOT NULL,
	"block_number" bigint NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "task_result_fetches_chain_id_session_id_task_id_pk" PRIMARY KEY("chain_id","session_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "task_results" (
	"chain_id" integer NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"task_id" numeric(78, 0) NOT NULL,
	"miner" text NOT NULL,
	"result" text NOT NULL,
	"result_hash" text,
	"block_number" bigint NOT NULL,
	CONSTRAINT "task_results_chain_id_session_id_task_id_miner_pk" PRIMARY KEY("chain_id","session_id","task_id","miner")
);
--> statement-breakpoint
CREATE TABLE "cognitive_round_miners" (
	"chain_id" integer NOT NULL,
	"round_id" numeric(78, 0) NOT NULL,
	"miner" text NOT NULL,
	"precommitted_block" bigint,
	"committed_block" bigint,
	CONSTRAINT "cognitive_round_miners_chain_id_round_id_miner_pk" PRIMARY KEY("chain_id","round_id","miner")
);
--> statement-breakpoint
CREATE TABLE "cognitive_rounds" (
	"chain_id" integer NOT NULL,
	"round_id" numeric(78, 0) NOT NULL,
	"phase" text NOT NULL,
	"requested_miners" jsonb,
	"request_assignee" text,
	"creator" text,
	"prepare_assignee" text,
	"preparer" text,
	"start_miners" jsonb,
	"start_timestamp" numeric(78, 0),
	"precommit_count" integer DEFAULT 0 NOT NULL,
	"all_precommitted_miners" jsonb,
	"force_ended" boolean,
	"commit_count" integer DEFAULT 0 NOT NULL,
	"all_committed_miners" jsonb,
	"end_timestamp" numeric(78, 0),
	"requested_block" bigint,
	"requested_at" bigint,
	"started_block" bigint,
	"started_at" bigint,
	"ended_block" bigint,
	"ended_at" bigint,
	"updated_block" bigint NOT NULL,
	CONSTRAINT "cognitive_rounds_chain_id_round_id_pk" PRIMARY KEY("chain_id","round_id")
);
--> statement-breakpoint
CREATE TABLE "node_pool_events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"event" text NOT NULL,
	"node_id" text,
	"address" text,
	"timestamp" numeric(78, 0),
	"mode" numeric(78, 0),
	CONSTRAINT "node_pool_events_chain_id_block_number_log_index_pk" PRIMARY KEY("chain_id","block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "node_reputation_records" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"node_id" text NOT NULL,
	"state" text NOT NULL,
	"success" boolean,
	"timestamp" numeric(78, 0) NOT NULL,
	CONSTRAINT "node_reputation_records_chain_id_block_number_log_index_pk" PRIMARY KEY("chain_id","block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "node_stats" (
	"chain_id" integer NOT NULL,
	"node_id" text NOT NULL,
	"address" text,
	"ping_counter" numeric(78, 0),
	"last_ping_block" bigint,
	"level" numeric(78, 0),
	"resets" integer DEFAULT 0 NOT NULL,
	"updated_block" bigint NOT NULL,
	CONSTRAINT "node_stats_chain_id_node_id_pk" PRIMARY KEY("chain_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "nodes" (
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"node_id" text,
	"pool_state" text,
	"pool_updated_block" bigint,
	"last_execution_at" bigint,
	"level" integer,
	"level_updated_block" bigint,
	"consecutive_success" numeric(78, 0),
	"cognitive_tasks_completed" numeric(78, 0),
	"cognitive_tasks_succeeded" numeric(78, 0),
	"cognitive_tasks_failed" numeric(78, 0),
	"reported_task_count" numeric(78, 0),
	"reported_success_count" numeric(78, 0),
	"version" text,
	"tasks_assigned" integer DEFAULT 0 NOT NULL,
	"tasks_acked" integer DEFAULT 0 NOT NULL,
	"tasks_precommitted" integer DEFAULT 0 NOT NULL,
	"tasks_committed" integer DEFAULT 0 NOT NULL,
	"tasks_ended" integer DEFAULT 0 NOT NULL,
	"tasks_succeeded" integer DEFAULT 0 NOT NULL,
	"missed_ack" integer DEFAULT 0 NOT NULL,
	"missed_precommit" integer DEFAULT 0 NOT NULL,
	"missed_commit" integer DEFAULT 0 NOT NULL,
	"dropped" integer DEFAULT 0 NOT NULL,
	"ack_latency_sum" bigint DEFAULT 0 NOT NULL,
	"precommit_latency_sum" bigint DEFAULT 0 NOT NULL,
	"commit_latency_sum" bigint DEFAULT 0 NOT NULL,
	"first_seen_block" bigint NOT NULL,
	"last_seen_block" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	CONSTRAINT "nodes_chain_id_address_pk" PRIMARY KEY("chain_id","address")
);
--> statement-breakpoint
CREATE TABLE "contract_settings" (
	"chain_id" integer NOT NULL,
	"contract_address" text NOT NULL,
	"setting" text NOT NULL,
	"value" text NOT NULL,
	"updated_block" bigint NOT NULL,
	CONSTRAINT "contract_settings_chain_id_contract_address_setting_pk" PRIMARY KEY("chain_id","contract_address","setting")
);
--> statement-breakpoint
CREATE TABLE "dedicated_nodes" (
	"chain_id" integer NOT NULL,
	"contract_address" text NOT NULL,
	"node_address" text NOT NULL,
	"state" text NOT NULL,
	"added_block" bigint,
	"updated_block" bigint NOT NULL,
	CONSTRAINT "dedicated_nodes_chain_id_contract_address_node_address_pk" PRIMARY KEY("chain_id","contract_address","node_address")
);
--> statement-breakpoint
CREATE TABLE "routers" (
	"chain_id" integer NOT NULL,
	"contract_address" text NOT NULL,
	"router_address" text NOT NULL,
	"router_info" text,
	"state" text NOT NULL,
	"added_block" bigint,
	"updated_block" bigint NOT NULL,
	CONSTRAINT "routers_chain_id_contract_address_router_address_pk" PRIMARY KEY("chain_id","contract_address","router_address")
);
--> statement-breakpoint
CREATE TABLE "session_node_changes" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"position" integer NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"change" text NOT NULL,
	"node_address" text,
	"node_id" text,
	"assignment_type" numeric(78, 0),
	"new_node_count" numeric(78, 0),
	CONSTRAINT "session_node_changes_chain_id_block_number_log_index_position_pk" PRIMARY KEY("chain_id","block_number","log_index","position")
);
--> statement-breakpoint
CREATE TABLE "validations" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"block_timestamp" bigint NOT NULL,
	"validator_session_id" numeric(78, 0) NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"task_id" numeric(78, 0) NOT NULL,
	"validator" text NOT NULL,
	"miner" text,
	"verdict" text NOT NULL,
	"score" numeric(78, 0),
	CONSTRAINT "validations_chain_id_block_number_log_index_pk" PRIMARY KEY("chain_id","block_number","log_index")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "routers_cleared_block" bigint;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "deposited" numeric(78, 0) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "withdrawn" numeric(78, 0) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "node_ids" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "precommit_ended_block" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "precommit_ended_at" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "commit_ended_block" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "commit_ended_at" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "all_precommitted_block" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "all_precommitted_miners" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "all_committed_block" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "all_committed_miners" jsonb;--> statement-breakpoint
CREATE INDEX "task_assignments_miner_idx" ON "task_assignments" USING btree ("chain_id","miner","assigned_block");--> statement-breakpoint
CREATE INDEX "task_assignments_outcome_idx" ON "task_assignments" USING btree ("chain_id","outcome_block");--> statement-breakpoint
CREATE INDEX "task_result_fetches_status_idx" ON "task_result_fetches" USING btree ("status","chain_id");--> statement-breakpoint
CREATE INDEX "cognitive_rounds_phase_idx" ON "cognitive_rounds" USING btree ("chain_id","phase");--> statement-breakpoint
CREATE INDEX "node_pool_events_address_idx" ON "node_pool_events" USING btree ("chain_id","address","block_number");--> statement-breakpoint
CREATE INDEX "node_reputation_node_idx" ON "node_reputation_records" USING btree ("chain_id","node_id","block_number");--> statement-breakpoint
CREATE INDEX "nodes_node_id_idx" ON "nodes" USING btree ("chain_id","node_id");--> statement-breakpoint
CREATE INDEX "nodes_committed_idx" ON "nodes" USING btree ("chain_id","tasks_committed");--> statement-breakpoint
CREATE INDEX "session_node_changes_session_idx" ON "session_node_changes" USING btree ("chain_id","session_id");--> statement-breakpoint
CREATE INDEX "validations_task_idx" ON "validations" USING btree ("chain_id","session_id","task_id");--> statement-breakpoint
CREATE INDEX "validations_miner_idx" ON "validations" USING btree ("chain_id","miner");