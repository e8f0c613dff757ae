ALTER TABLE "audit_event" ADD COLUMN "digest" text;--> statement-breakpoint
-- The audit chain is kept by the database from here on (hash version 2, src/server/audit/hash.ts). The application
-- inserts the row with the digest of its content; at COMMIT a deferred trigger takes the municipality's chain lock
-- (the advisory lock key the application took before), gives the row the next seq, the previous row's hash and
-- hash = sha256('[2,<seq>,"<prev_hash>","<digest>"]'). The lock is held only inside PostgreSQL's commit, not from
-- the insert over the network and the application's event loop to the COMMIT (docs/benchmarks.md, 2026-12-03).
-- Until its commit a row is pending: seq is a placeholder from the same sequence, prev_hash and hash are ''.
-- A rolled-back transaction chains nothing. Decision 0019.
CREATE OR REPLACE FUNCTION helhed_audit_pending() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.digest IS NULL OR NEW.digest !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'audit_event needs the digest of its content' USING ERRCODE = '23502';
  END IF;
  -- A placeholder seq from the same sequence, whatever the writer sent: it cannot collide with another pending row.
  NEW.seq := nextval('audit_event_seq_seq');
  NEW.prev_hash := '';
  NEW.hash := '';
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_pending BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION helhed_audit_pending();
--> statement-breakpoint
-- Runs at COMMIT as the owner (SECURITY DEFINER): the app role still may only INSERT and SELECT. VOLATILE, so its
-- SELECT after the lock takes a new snapshot and sees the event the previous lock holder committed (READ
-- COMMITTED, the application's level; a lock is released only after its commit is visible). Rows of one
-- transaction are chained in the order they were inserted; its still pending rows (hash '') are skipped.
CREATE OR REPLACE FUNCTION helhed_audit_chain() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev text;
  next_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(NEW.municipality_id::text, 7001));
  SELECT e.hash INTO prev FROM audit_event e
   WHERE e.municipality_id = NEW.municipality_id AND e.hash <> ''
   ORDER BY e.seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  next_seq := nextval('audit_event_seq_seq');
  UPDATE audit_event
     SET seq = next_seq,
         prev_hash = prev,
         hash = encode(sha256(convert_to('[2,' || next_seq::text || ',"' || prev || '","' || NEW.digest || '"]', 'UTF8')), 'hex')
   WHERE municipality_id = NEW.municipality_id AND seq = NEW.seq;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_event_chain AFTER INSERT ON audit_event DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION helhed_audit_chain();
