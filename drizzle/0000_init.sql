CREATE TABLE "chain_checkpoints" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"chain_name" text NOT NULL,
	"start_block" bigint NOT NULL,
	"last_indexed_block" bigint NOT NULL,
	"last_indexed_hash" text,
	"last_indexed_timestamp" bigint,
	"head_block" bigint,
	"caught_up_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"block_hash" text NOT NULL,
	"block_timestamp" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"tx_index" integer NOT NULL,
	"contract_address" text NOT NULL,
	"contract_kind" text NOT NULL,
	"event_name" text,
	"abi" text,
	"topic0" text,
	"topics" jsonb NOT NULL,
	"data" text NOT NULL,
	"args" jsonb,
	CONSTRAINT "events_chain_id_block_number_log_index_pk" PRIMARY KEY("chain_id","block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"chain_id" integer NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"contract_address" text NOT NULL,
	"sid" text,
	"owner" text,
	"miners" jsonb,
	"min_num_of_nodes" numeric(78, 0),
	"max_num_of_nodes" numeric(78, 0),
	"redundant" numeric(78, 0),
	"state" text DEFAULT 'ACTIVE' NOT NULL,
	"created_block" bigint,
	"created_at" bigint,
	"created_tx" text,
	"updated_block" bigint,
	"deactivated_block" bigint,
	CONSTRAINT "sessions_chain_id_session_id_pk" PRIMARY KEY("chain_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"chain_id" integer NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"task_id" numeric(78, 0) NOT NULL,
	"global_id" numeric(78, 0),
	"status" text NOT NULL,
	"task_data" text,
	"client_reference" text,
	"miners" jsonb,
	"final_miners" jsonb,
	"ack_count" integer DEFAULT 0 NOT NULL,
	"precommit_count" integer DEFAULT 0 NOT NULL,
	"commit_count" integer DEFAULT 0 NOT NULL,
	"submitted_block" bigint,
	"submitted_at" bigint,
	"queued_block" bigint,
	"queued_at" bigint,
	"assigned_block" bigint,
	"assigned_at" bigint,
	"acked_block" bigint,
	"acked_at" bigint,
	"precommitted_block" bigint,
	"precommitted_at" bigint,
	"committed_block" bigint,
	"committed_at" bigint,
	"ended_block" bigint,
	"ended_at" bigint,
	CONSTRAINT "tasks_chain_id_session_id_task_id_pk" PRIMARY KEY("chain_id","session_id","task_id")
);
--> statement-breakpoint
CREATE INDEX "events_chain_name_idx" ON "events" USING btree ("chain_id","event_name","block_number");--> statement-breakpoint
CREATE INDEX "events_contract_idx" ON "events" USING btree ("contract_address","block_number");--> statement-breakpoint
CREATE INDEX "sessions_owner_idx" ON "sessions" USING btree ("chain_id","owner");--> statement-breakpoint
CREATE INDEX "sessions_created_idx" ON "sessions" USING btree ("chain_id","created_block");--> statement-breakpoint
CREATE INDEX "tasks_status_idx" ON "tasks" USING btree ("chain_id","status");--> statement-breakpoint
CREATE INDEX "tasks_global_idx" ON "tasks" USING btree ("chain_id","global_id");--> statement-breakpoint
CREATE INDEX "tasks_queued_idx" ON "tasks" USING btree ("chain_id","queued_block");