ALTER TABLE "task" ADD COLUMN "title_kind" text;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "title_subject" text;--> statement-breakpoint
-- The tasks the daily job raised before this migration carry their title in Danish only; where it is still the
-- raised wording (nobody retitled it), record what it says, so that each reader sees it in their own language.
-- A title cut at 300 characters keeps its cut subject.
UPDATE "task" SET "title_kind" = 'plan_review', "title_subject" = substring("title" from '^Revidér helhedsplanen \(version ([0-9]+)\)$') WHERE "origin" = 'plan_review' AND "title" ~ '^Revidér helhedsplanen \(version [0-9]+\)$';--> statement-breakpoint
UPDATE "task" SET "title_kind" = 'goal_rating', "title_subject" = substr("title", length('Vurdér målet: ') + 1) WHERE "origin" = 'goal_rating' AND "title" LIKE 'Vurdér målet: %';--> statement-breakpoint
UPDATE "task" SET "title_kind" = 'consent_expiry', "title_subject" = substring("title" from '^Samtykke fra (.*) udløber: forny det eller aftal afslutning$') WHERE "origin" = 'consent_expiry' AND "title" ~ '^Samtykke fra .* udløber: forny det eller aftal afslutning$';--> statement-breakpoint
UPDATE "task" SET "title_kind" = 'meeting_minutes', "title_subject" = substr("title", length('Skriv referat af mødet: ') + 1) WHERE "origin" = 'meeting_follow_up' AND "title" LIKE 'Skriv referat af mødet: %';--> statement-breakpoint
UPDATE "task" SET "title_kind" = 'meeting_decision', "title_subject" = substr("title", length('Følg op på beslutning fra mødet: ') + 1) WHERE "origin" = 'meeting_follow_up' AND "title" LIKE 'Følg op på beslutning fra mødet: %';--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_title_kind_check" CHECK ("title_kind" IN ('plan_review', 'goal_rating', 'consent_expiry', 'meeting_minutes', 'meeting_decision'));--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_title_subject_with_kind" CHECK (("title_kind" IS NULL) = ("title_subject" IS NULL));
