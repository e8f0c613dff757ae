CREATE TABLE "goal_rating" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"date" date NOT NULL,
	"value" integer NOT NULL,
	"respondent" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_rating_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "intervention_goal" (
	"municipality_id" uuid NOT NULL,
	"intervention_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "intervention_goal_municipality_id_intervention_id_goal_id_pk" PRIMARY KEY("municipality_id","intervention_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "journal_addendum" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journal_addendum_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "journal_note" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_department_id" uuid,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"person_ids" uuid[] NOT NULL,
	"goal_ids" uuid[] NOT NULL,
	"restricted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finalised_at" timestamp with time zone,
	CONSTRAINT "journal_note_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "life_domain" (
	"municipality_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_da" text NOT NULL,
	"label_en" text NOT NULL,
	"child" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "life_domain_municipality_id_code_pk" PRIMARY KEY("municipality_id","code")
);
--> statement-breakpoint
CREATE TABLE "meeting" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_url" text,
	"agenda_goal_ids" uuid[] NOT NULL,
	"agenda_text" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"next_meeting_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_decision" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"text" text NOT NULL,
	"action_id" uuid,
	"task_id" uuid,
	"due" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_decision_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_participant" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"user_id" uuid,
	"name" text,
	"relation" text,
	"email" text,
	"attended" boolean,
	CONSTRAINT "meeting_participant_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"draft_version" integer DEFAULT 1 NOT NULL,
	"current_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "plan_family_uq" UNIQUE("municipality_id","family_id")
);
--> statement-breakpoint
CREATE TABLE "plan_action" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"what" text NOT NULL,
	"responsible" jsonb NOT NULL,
	"due" date,
	"done_at" date,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "plan_action_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_baseline" (
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"score" integer NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_baseline_municipality_id_plan_id_domain_pk" PRIMARY KEY("municipality_id","plan_id","domain")
);
--> statement-breakpoint
CREATE TABLE "plan_goal" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"person_id" uuid,
	"domain" text NOT NULL,
	"horizon" text NOT NULL,
	"title" text NOT NULL,
	"success_criterion" text DEFAULT '' NOT NULL,
	"target_date" date,
	"status" text DEFAULT 'active' NOT NULL,
	"gas" jsonb,
	"legal_requirement" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" date NOT NULL,
	"removed_at" timestamp with time zone,
	"external_ref" text,
	CONSTRAINT "plan_goal_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "plan_goal_external_ref_uq" UNIQUE("municipality_id","family_id","external_ref")
);
--> statement-breakpoint
CREATE TABLE "plan_sign_off" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"signed_at" date NOT NULL,
	"how" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_sign_off_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_version" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"next_review_date" date NOT NULL,
	"note" text,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_version_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "plan_version_number_uq" UNIQUE("municipality_id","plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "task" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assignee_user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"due" date NOT NULL,
	"family_id" uuid,
	"goal_id" uuid,
	"meeting_id" uuid,
	"origin" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"dedupe_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "task_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "task_dedupe_uq" UNIQUE("municipality_id","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "goal_rating" ADD CONSTRAINT "goal_rating_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_rating" ADD CONSTRAINT "goal_rating_municipality_id_goal_id_plan_goal_municipality_id_id_fk" FOREIGN KEY ("municipality_id","goal_id") REFERENCES "public"."plan_goal"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_goal" ADD CONSTRAINT "intervention_goal_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_goal" ADD CONSTRAINT "intervention_goal_municipality_id_intervention_id_intervention_municipality_id_id_fk" FOREIGN KEY ("municipality_id","intervention_id") REFERENCES "public"."intervention"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_goal" ADD CONSTRAINT "intervention_goal_municipality_id_goal_id_plan_goal_municipality_id_id_fk" FOREIGN KEY ("municipality_id","goal_id") REFERENCES "public"."plan_goal"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_addendum" ADD CONSTRAINT "journal_addendum_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_addendum" ADD CONSTRAINT "journal_addendum_municipality_id_note_id_journal_note_municipality_id_id_fk" FOREIGN KEY ("municipality_id","note_id") REFERENCES "public"."journal_note"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_note" ADD CONSTRAINT "journal_note_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_note" ADD CONSTRAINT "journal_note_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_domain" ADD CONSTRAINT "life_domain_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_municipality_id_meeting_id_meeting_municipality_id_id_fk" FOREIGN KEY ("municipality_id","meeting_id") REFERENCES "public"."meeting"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participant" ADD CONSTRAINT "meeting_participant_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participant" ADD CONSTRAINT "meeting_participant_municipality_id_meeting_id_meeting_municipality_id_id_fk" FOREIGN KEY ("municipality_id","meeting_id") REFERENCES "public"."meeting"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action" ADD CONSTRAINT "plan_action_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action" ADD CONSTRAINT "plan_action_municipality_id_goal_id_plan_goal_municipality_id_id_fk" FOREIGN KEY ("municipality_id","goal_id") REFERENCES "public"."plan_goal"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_baseline" ADD CONSTRAINT "plan_baseline_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_baseline" ADD CONSTRAINT "plan_baseline_municipality_id_plan_id_plan_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plan"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_municipality_id_plan_id_plan_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plan"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_municipality_id_family_id_family_municipality_id_id_fk" FOREIGN KEY ("municipality_id","family_id") REFERENCES "public"."family"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sign_off" ADD CONSTRAINT "plan_sign_off_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sign_off" ADD CONSTRAINT "plan_sign_off_municipality_id_version_id_plan_version_municipality_id_id_fk" FOREIGN KEY ("municipality_id","version_id") REFERENCES "public"."plan_version"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sign_off" ADD CONSTRAINT "plan_sign_off_municipality_id_person_id_person_municipality_id_id_fk" FOREIGN KEY ("municipality_id","person_id") REFERENCES "public"."person"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_municipality_id_plan_id_plan_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plan"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_municipality_id_assignee_user_id_staff_user_municipality_id_id_fk" FOREIGN KEY ("municipality_id","assignee_user_id") REFERENCES "public"."staff_user"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goal_rating_goal_idx" ON "goal_rating" USING btree ("municipality_id","goal_id","date");--> statement-breakpoint
CREATE INDEX "goal_rating_family_idx" ON "goal_rating" USING btree ("municipality_id","family_id");--> statement-breakpoint
CREATE INDEX "journal_addendum_note_idx" ON "journal_addendum" USING btree ("municipality_id","note_id");--> statement-breakpoint
CREATE INDEX "journal_note_family_idx" ON "journal_note" USING btree ("municipality_id","family_id","occurred_at");--> statement-breakpoint
CREATE INDEX "meeting_family_idx" ON "meeting" USING btree ("municipality_id","family_id","starts_at");--> statement-breakpoint
CREATE INDEX "meeting_starts_idx" ON "meeting" USING btree ("municipality_id","starts_at");--> statement-breakpoint
CREATE INDEX "meeting_participant_meeting_idx" ON "meeting_participant" USING btree ("municipality_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_participant_user_idx" ON "meeting_participant" USING btree ("municipality_id","user_id");--> statement-breakpoint
CREATE INDEX "plan_action_goal_idx" ON "plan_action" USING btree ("municipality_id","goal_id");--> statement-breakpoint
CREATE INDEX "plan_goal_plan_idx" ON "plan_goal" USING btree ("municipality_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_goal_family_idx" ON "plan_goal" USING btree ("municipality_id","family_id");--> statement-breakpoint
CREATE INDEX "task_assignee_idx" ON "task" USING btree ("municipality_id","assignee_user_id","status","due");--> statement-breakpoint
CREATE INDEX "task_family_idx" ON "task" USING btree ("municipality_id","family_id");