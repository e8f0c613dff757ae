CREATE TABLE "exchange_import_job" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" uuid,
	"instance_id" uuid NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file_bytes" integer,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"counts" jsonb,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	"error_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "exchange_import_job_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "exchange_import_job" ADD CONSTRAINT "exchange_import_job_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_import_job_status_idx" ON "exchange_import_job" USING btree ("municipality_id","status");
--> statement-breakpoint
ALTER TABLE "exchange_import_job" ADD CONSTRAINT "exchange_import_job_status_check" CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed'));
--> statement-breakpoint
SELECT helhed_enable_tenancy('exchange_import_job');
