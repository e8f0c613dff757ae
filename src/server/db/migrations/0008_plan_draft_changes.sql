ALTER TABLE "plan_action" ADD COLUMN "created_in_draft" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_action" ADD COLUMN "changed_in_draft" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_action" ADD COLUMN "changed_by" uuid;--> statement-breakpoint
ALTER TABLE "plan_baseline" ADD COLUMN "changed_in_draft" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_baseline" ADD COLUMN "changed_by" uuid;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD COLUMN "created_in_draft" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD COLUMN "changed_in_draft" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD COLUMN "changed_by" uuid;