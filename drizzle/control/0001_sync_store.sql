CREATE TABLE "cortensor"."fetched_intervals" (
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"from_block" bigint NOT NULL,
	"to_block" bigint NOT NULL,
	CONSTRAINT "fetched_intervals_chain_id_address_from_block_pk" PRIMARY KEY("chain_id","address","from_block")
);
--> statement-breakpoint
CREATE TABLE "cortensor"."raw_blocks" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"hash" text NOT NULL,
	"timestamp" bigint NOT NULL,
	CONSTRAINT "raw_blocks_chain_id_block_number_pk" PRIMARY KEY("chain_id","block_number")
);
--> statement-breakpoint
CREATE TABLE "cortensor"."raw_logs" (
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
	"topics" text NOT NULL,
	"data" text NOT NULL,
	"args" text,
	CONSTRAINT "raw_logs_chain_id_block_number_log_index_pk" PRIMARY KEY("chain_id","block_number","log_index")
);
--> statement-breakpoint
CREATE INDEX "fetched_intervals_to_idx" ON "cortensor"."fetched_intervals" USING btree ("chain_id","address","to_block");