CREATE TABLE "indexed_batches" (
	"chain_id" integer NOT NULL,
	"from_block" bigint NOT NULL,
	"to_block" bigint NOT NULL,
	"to_hash" text NOT NULL,
	CONSTRAINT "indexed_batches_chain_id_to_block_pk" PRIMARY KEY("chain_id","to_block")
);
--> statement-breakpoint
CREATE TABLE "undo_journal" (
	"chain_id" integer NOT NULL,
	"batch_to_block" bigint NOT NULL,
	"table_name" text NOT NULL,
	"row_key" jsonb NOT NULL,
	"pre_image" jsonb,
	CONSTRAINT "undo_journal_chain_id_batch_to_block_table_name_row_key_pk" PRIMARY KEY("chain_id","batch_to_block","table_name","row_key")
);
