CREATE TABLE "break_glass_access" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "break_glass_access_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "consent" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"scope" jsonb NOT NULL,
	"given_at" date NOT NULL,
	"expires_at" date,
	"withdrawn_at" date,
	"how_given" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "coordinator_assignment" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"from" date NOT NULL,
	"to" date,
	"by_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coordinator_assignment_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "custody" (
	"municipality_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"child_person_id" uuid NOT NULL,
	"holder_person_id" uuid NOT NULL,
	CONSTRAINT "custody_municipality_id_family_id_child_person_id_holder_person_id_pk" PRIMARY KEY("municipality_id","family_id","child_person_id","holder_person_id")
);
--> statement-breakpoint
CREATE TABLE "early_sign" (
	"municipality_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_da" text NOT NULL,
	"label_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "early_sign_municipality_id_code_pk" PRIMARY KEY("municipality_id","code")
);
--> statement-breakpoint
CREATE TABLE "family" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"referred_at" date,
	"enrolled_at" date,
	"completed_at" date,
	"withdrawn_at" date,
	"completion_reason" text,
	"coordinator_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "family_external_ref_uq" UNIQUE("municipality_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "family_member" (
	"municipality_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"from" date NOT NULL,
	"to" date,
	CONSTRAINT "family_member_municipality_id_family_id_person_id_pk" PRIMARY KEY("municipality_id","family_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "family_status_event" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_status_event_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "intervention" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"person_id" uuid,
	"type_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"provider" text,
	"from" date NOT NULL,
	"to" date,
	"price_amount" double precision NOT NULL,
	"price_per" text NOT NULL,
	"hours_per_week" double precision,
	"note" text,
	"external_ref" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "intervention_external_ref_uq" UNIQUE("municipality_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "intervention_type" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"department_id" uuid NOT NULL,
	"legal_basis" text,
	"price_amount" double precision NOT NULL,
	"price_per" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_type_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "intervention_type_code_uq" UNIQUE("municipality_id","code")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"cpr" text,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"preferred_language" text,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"phone" text,
	"email" text,
	"address" text,
	"protected_address" boolean DEFAULT false NOT NULL,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "person_cpr_uq" UNIQUE("municipality_id","cpr"),
	CONSTRAINT "person_external_ref_uq" UNIQUE("municipality_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"referrer_user_id" uuid NOT NULL,
	"department_id" uuid,
	"profession" text,
	"persons" jsonb NOT NULL,
	"signs" text[] NOT NULL,
	"note" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"family_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "team_member" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"role" text NOT NULL,
	"from" date NOT NULL,
	"to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_member_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "break_glass_access" ADD CONSTRAINT "break_glass_access_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_access" ADD CONSTRAINT "break_glass_access_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_access" ADD CONSTRAINT "break_glass_access_municipality_id_user_id_staff_user_municipality_id_id_fk" FOREIGN KEY ("municipality_id","user_id") REFERENCES "public"."staff_user"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordinator_assignment" ADD CONSTRAINT "coordinator_assignment_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordinator_assignment" ADD CONSTRAINT "coordinator_assignment_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordinator_assignment" ADD CONSTRAINT "coordinator_assignment_municipality_id_user_id_staff_user_municipality_id_id_fk" FOREIGN KEY ("municipality_id","user_id") REFERENCES "public"."staff_user"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody" ADD CONSTRAINT "custody_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody" ADD CONSTRAINT "custody_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody" ADD CONSTRAINT "custody_municipality_id_child_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","child_person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody" ADD CONSTRAINT "custody_municipality_id_holder_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","holder_person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_sign" ADD CONSTRAINT "early_sign_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family" ADD CONSTRAINT "family_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family" ADD CONSTRAINT "family_municipality_id_coordinator_user_id_staff_user_municipality_id_id_fk" FOREIGN KEY ("municipality_id","coordinator_user_id") REFERENCES "public"."staff_user"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_status_event" ADD CONSTRAINT "family_status_event_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_status_event" ADD CONSTRAINT "family_status_event_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_municipality_id_type_id_intervention_type_municipality_id_id_fk" FOREIGN KEY ("municipality_id","type_id") REFERENCES "public"."intervention_type"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_municipality_id_department_id_department_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."department"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_type" ADD CONSTRAINT "intervention_type_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_type" ADD CONSTRAINT "intervention_type_municipality_id_department_id_department_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."department"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_municipality_id_referrer_user_id_staff_user_municipality_id_id_fk" FOREIGN KEY ("municipality_id","referrer_user_id") REFERENCES "public"."staff_user"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_municipality_id_user_id_staff_user_municipality_id_id_fk" FOREIGN KEY ("municipality_id","user_id") REFERENCES "public"."staff_user"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_municipality_id_department_id_department_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."department"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_user_family_idx" ON "break_glass_access" USING btree ("municipality_id","user_id","family_id");--> statement-breakpoint
CREATE INDEX "consent_family_idx" ON "consent" USING btree ("municipality_id","family_id");--> statement-breakpoint
CREATE INDEX "coordinator_assignment_family_idx" ON "coordinator_assignment" USING btree ("municipality_id","family_id");--> statement-breakpoint
CREATE INDEX "family_coordinator_idx" ON "family" USING btree ("municipality_id","coordinator_user_id");--> statement-breakpoint
CREATE INDEX "family_status_idx" ON "family" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "family_member_person_idx" ON "family_member" USING btree ("municipality_id","person_id");--> statement-breakpoint
CREATE INDEX "family_status_event_family_idx" ON "family_status_event" USING btree ("municipality_id","family_id");--> statement-breakpoint
CREATE INDEX "intervention_family_idx" ON "intervention" USING btree ("municipality_id","family_id");--> statement-breakpoint
CREATE INDEX "intervention_person_idx" ON "intervention" USING btree ("municipality_id","person_id");--> statement-breakpoint
CREATE INDEX "referral_status_idx" ON "referral" USING btree ("municipality_id","status","created_at");--> statement-breakpoint
CREATE INDEX "referral_referrer_idx" ON "referral" USING btree ("municipality_id","referrer_user_id");--> statement-breakpoint
CREATE INDEX "team_member_user_idx" ON "team_member" USING btree ("municipality_id","user_id");--> statement-breakpoint
CREATE INDEX "team_member_family_idx" ON "team_member" USING btree ("municipality_id","family_id");