-- The overview's recent activity also lists what was done with the family's consents, notes, meetings, tasks and persons:
-- family_ref is the family an event concerns (the target when it is a family, otherwise the familyId in its details),
-- and activity leaves out reveals and exported invitations as well as reads and searches. One rewrite of audit_event.
DROP INDEX "audit_event_activity_idx";--> statement-breakpoint
ALTER TABLE "audit_event"
  DROP COLUMN "activity",
  ADD COLUMN "activity" boolean GENERATED ALWAYS AS (outcome = 'success' and action not like '%read' and action not like '%search%' and action not like 'person.reveal%' and action <> 'meeting.ics') STORED NOT NULL,
  ADD COLUMN "family_ref" text GENERATED ALWAYS AS (case when target_type = 'family' then target_id else details ->> 'familyId' end) STORED;--> statement-breakpoint
CREATE INDEX "audit_event_activity_idx" ON "audit_event" USING btree ("municipality_id","family_ref","seq") WHERE activity;
