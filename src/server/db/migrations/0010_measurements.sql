CREATE TABLE "assessment" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"person_id" uuid,
	"instrument" text NOT NULL,
	"instrument_version" integer DEFAULT 1 NOT NULL,
	"date" date NOT NULL,
	"respondent" text NOT NULL,
	"answers" jsonb NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "child_welfare_period" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from" date NOT NULL,
	"to" date,
	"legal_basis" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_welfare_period_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "concern_report" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"date" date NOT NULL,
	"source" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_report_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "school_attendance" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"from" date NOT NULL,
	"to" date NOT NULL,
	"absence_percent" numeric NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_attendance_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "support_status_period" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"from" date NOT NULL,
	"to" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_status_period_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_welfare_period" ADD CONSTRAINT "child_welfare_period_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_welfare_period" ADD CONSTRAINT "child_welfare_period_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_report" ADD CONSTRAINT "concern_report_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_report" ADD CONSTRAINT "concern_report_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_attendance" ADD CONSTRAINT "school_attendance_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_attendance" ADD CONSTRAINT "school_attendance_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_status_period" ADD CONSTRAINT "support_status_period_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_status_period" ADD CONSTRAINT "support_status_period_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_family_idx" ON "assessment" USING btree ("municipality_id","family_id","date");--> statement-breakpoint
CREATE INDEX "child_welfare_person_idx" ON "child_welfare_period" USING btree ("municipality_id","person_id","from");--> statement-breakpoint
CREATE INDEX "concern_report_person_idx" ON "concern_report" USING btree ("municipality_id","person_id","date");--> statement-breakpoint
CREATE INDEX "school_attendance_person_idx" ON "school_attendance" USING btree ("municipality_id","person_id","to");--> statement-breakpoint
CREATE INDEX "support_status_person_idx" ON "support_status_period" USING btree ("municipality_id","person_id","from");--> statement-breakpoint
SELECT helhed_enable_tenancy('support_status_period');
--> statement-breakpoint
SELECT helhed_enable_tenancy('child_welfare_period');
--> statement-breakpoint
SELECT helhed_enable_tenancy('concern_report');
--> statement-breakpoint
SELECT helhed_enable_tenancy('school_attendance');
--> statement-breakpoint
SELECT helhed_enable_tenancy('assessment');
