-- The overview's recent activity as a stored column: under row-level security PostgreSQL may not prove the old partial
-- index's LIKE conditions (not leakproof), so the overview walked past every read of the family through the target index.
-- That index had no other reader: dropped, one index fewer to write for every audited request. Rewrites audit_event.
DROP INDEX "audit_event_target_idx";--> statement-breakpoint
DROP INDEX "audit_event_activity_idx";--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "activity" boolean GENERATED ALWAYS AS (outcome = 'success' and action not like '%.read' and action not like '%search%') STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_event_activity_idx" ON "audit_event" USING btree ("municipality_id","target_type","target_id","seq") WHERE activity;