CREATE TABLE "audit_chain_head" (
	"municipality_id" uuid NOT NULL,
	"lane" smallint NOT NULL,
	"pos" bigint NOT NULL,
	"hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	CONSTRAINT "audit_chain_head_municipality_id_lane_pk" PRIMARY KEY("municipality_id","lane")
);
--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "chain_lane" smallint;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "chain_pos" bigint;--> statement-breakpoint
ALTER TABLE "audit_chain_head" ADD CONSTRAINT "audit_chain_head_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hash version 3 (decision 0020). Version 2 (migration 0014) chained every row of a municipality behind one lock at
-- COMMIT and moved the row to its final seq there: an UPDATE of an indexed column, so a new row version and an entry
-- in each of the table's indexes, all while holding the lock every concurrent writer waited for. Now a row keeps the
-- seq it is inserted with, and at COMMIT it is chained in one of eight lanes (the backend's process id modulo 8, so one
-- connection always writes one lane, and two connections rarely share one) under the row lock of that lane's head
-- (audit_chain_head): chain_lane, chain_pos (1, 2, … within the lane), prev_hash and
-- hash = sha256('[3,<lane>,<pos>,<seq>,"<prev_hash>","<digest>"]'). chain_lane and chain_pos are not indexed, so the
-- UPDATE is a HOT one (fillfactor 80 keeps room for it on the page). Every lane starts from the hash of the last
-- row chained before this migration (versions 1 and 2, one chain in seq order), or from the genesis hash.
ALTER TABLE audit_event SET (fillfactor = 80);
--> statement-breakpoint
-- Written only by the chaining trigger (SECURITY DEFINER): row-level security on, no rights for the app role.
ALTER TABLE audit_chain_head ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helhed_audit_pending() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.digest IS NULL OR NEW.digest !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'audit_event needs the digest of its content' USING ERRCODE = '23502';
  END IF;
  -- The seq is the database's, whatever the writer sent; the row is pending until its COMMIT chains it.
  NEW.seq := nextval('audit_event_seq_seq');
  NEW.prev_hash := '';
  NEW.hash := '';
  NEW.chain_lane := NULL;
  NEW.chain_pos := NULL;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Runs at COMMIT as the owner (SECURITY DEFINER). The UPDATE of the lane's head waits for a concurrent holder of the
-- same lane and then sees its committed link (READ COMMITTED re-reads the row it waited for). Rows of one transaction
-- are chained in the order they were inserted.
CREATE OR REPLACE FUNCTION helhed_audit_chain() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  lane_no smallint := pg_backend_pid() % 8;
  link record;
BEGIN
  LOOP
    UPDATE audit_chain_head c
       SET pos = c.pos + 1,
           prev_hash = c.hash,
           hash = encode(sha256(convert_to('[3,' || lane_no || ',' || (c.pos + 1) || ',' || NEW.seq || ',"' || c.hash || '","' || NEW.digest || '"]', 'UTF8')), 'hex')
     WHERE c.municipality_id = NEW.municipality_id AND c.lane = lane_no
    RETURNING c.pos, c.hash, c.prev_hash INTO link;
    EXIT WHEN FOUND;
    -- The lane's first link: the lane starts from the last row chained before version 3 (or the genesis hash).
    INSERT INTO audit_chain_head (municipality_id, lane, pos, hash, prev_hash)
    VALUES (NEW.municipality_id, lane_no, 0,
            coalesce((SELECT e.hash FROM audit_event e
                       WHERE e.municipality_id = NEW.municipality_id AND e.chain_pos IS NULL AND e.hash <> ''
                       ORDER BY e.seq DESC LIMIT 1), repeat('0', 64)),
            '')
    ON CONFLICT DO NOTHING;
  END LOOP;
  UPDATE audit_event
     SET chain_lane = lane_no, chain_pos = link.pos, prev_hash = link.prev_hash, hash = link.hash
   WHERE municipality_id = NEW.municipality_id AND seq = NEW.seq;
  RETURN NULL;
END
$$;
