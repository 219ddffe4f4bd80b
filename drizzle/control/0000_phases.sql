CREATE SCHEMA "cortensor";
--> statement-breakpoint
CREATE TABLE "cortensor"."phase_resets" (
	"phase_id" text PRIMARY KEY NOT NULL,
	"from_phase" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"options" jsonb NOT NULL,
	"state" text NOT NULL,
	"steps" jsonb NOT NULL,
	"switched_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cortensor"."phases" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"schema_name" text NOT NULL,
	"status" text NOT NULL,
	"serving" boolean DEFAULT false NOT NULL,
	"network_name" text NOT NULL,
	"network_source" text NOT NULL,
	"network_file" jsonb NOT NULL,
	"start_blocks" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"serving_since" timestamp with time zone,
	"archived_at" timestamp with time zone,
	CONSTRAINT "phases_seq_unique" UNIQUE("seq"),
	CONSTRAINT "phases_schema_name_unique" UNIQUE("schema_name")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "phases_one_indexing" ON "cortensor"."phases" USING btree ("status") WHERE status = 'indexing';--> statement-breakpoint
CREATE UNIQUE INDEX "phases_one_serving" ON "cortensor"."phases" USING btree ("serving") WHERE serving;