CREATE TABLE "task_histories" (
	"chain_id" integer NOT NULL,
	"session_id" numeric(78, 0) NOT NULL,
	"task_id" numeric(78, 0) NOT NULL,
	"assignments" text,
	"validations" text,
	"result_fetch_status" text,
	CONSTRAINT "task_histories_chain_id_session_id_task_id_pk" PRIMARY KEY("chain_id","session_id","task_id")
);
