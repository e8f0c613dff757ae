ALTER TABLE "family_status_event" ALTER COLUMN "reason" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "coordinator_assignment" ADD COLUMN "cause" text;--> statement-breakpoint
ALTER TABLE "family_status_event" ADD COLUMN "cause" text;--> statement-breakpoint
-- The reasons the system wrote in Danish become causes (CHANGE_CAUSES in src/shared/families.ts), which each reader
-- sees in their own language. A withdrawal's pause keeps the person's own reason, without the Danish prefix.
UPDATE "family_status_event" SET "cause" = 'created_directly', "reason" = NULL WHERE "reason" = 'Oprettet direkte af familiekoordinator';--> statement-breakpoint
UPDATE "family_status_event" SET "cause" = 'referral_accepted', "reason" = NULL WHERE "reason" = 'Visiteret fra henvendelse';--> statement-breakpoint
UPDATE "family_status_event" SET "cause" = 'imported', "reason" = NULL WHERE "reason" = 'Importeret fra helhed-exchange';--> statement-breakpoint
UPDATE "family_status_event" SET "cause" = 'consent_withdrawn', "reason" = NULLIF(substr("reason", length('Samtykke trukket tilbage: ') + 1), '') WHERE "reason" LIKE 'Samtykke trukket tilbage: %';--> statement-breakpoint
UPDATE "coordinator_assignment" SET "cause" = 'created_directly', "reason" = NULL WHERE "reason" = 'Oprettet direkte af familiekoordinator';--> statement-breakpoint
UPDATE "coordinator_assignment" SET "cause" = 'referral_accepted', "reason" = NULL WHERE "reason" = 'Visiteret fra henvendelse';--> statement-breakpoint
UPDATE "coordinator_assignment" SET "cause" = 'imported', "reason" = NULL WHERE "reason" = 'Importeret fra helhed-exchange';--> statement-breakpoint
ALTER TABLE "family_status_event" ADD CONSTRAINT "family_status_event_cause_check" CHECK ("cause" IN ('created_directly', 'referral_accepted', 'consent_withdrawn', 'imported'));--> statement-breakpoint
ALTER TABLE "family_status_event" ADD CONSTRAINT "family_status_event_reason_or_cause" CHECK ("reason" IS NOT NULL OR "cause" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "coordinator_assignment" ADD CONSTRAINT "coordinator_assignment_cause_check" CHECK ("cause" IN ('created_directly', 'referral_accepted', 'imported'));
