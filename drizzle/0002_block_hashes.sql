CREATE TABLE "block_hashes" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"hash" text NOT NULL,
	"timestamp" bigint NOT NULL,
	CONSTRAINT "block_hashes_chain_id_block_number_pk" PRIMARY KEY("chain_id","block_number")
);
