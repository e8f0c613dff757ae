CREATE TABLE "goal_rating_progress" (
	"municipality_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"first_date" date NOT NULL,
	"first_sum" bigint NOT NULL,
	"first_count" integer NOT NULL,
	"last_date" date NOT NULL,
	"last_sum" bigint NOT NULL,
	"last_count" integer NOT NULL,
	CONSTRAINT "goal_rating_progress_municipality_id_goal_id_family_id_pk" PRIMARY KEY("municipality_id","goal_id","family_id")
);
--> statement-breakpoint
ALTER TABLE "goal_rating_progress" ADD CONSTRAINT "goal_rating_progress_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_rating_progress" ADD CONSTRAINT "goal_rating_progress_municipality_id_goal_id_plan_goal_municipality_id_id_fk" FOREIGN KEY ("municipality_id","goal_id") REFERENCES "public"."plan_goal"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Read by the app role under row-level security; written only by the triggers below, as the owner (SECURITY DEFINER):
-- what they recompute is named by the rows of goal_rating the writer could write, and is the ratings' own sum.
SELECT helhed_enable_tenancy('goal_rating_progress', 'SELECT');
--> statement-breakpoint
-- Recomputes goal_rating_progress for the given (municipality, goal, family) triples from the family's ratings:
-- days rated, and the earliest and latest day with that day's sum and count. Writers of one goal's ratings wait for
-- each other here (an advisory lock on one of 256 buckets of goals, taken in order: a large import would overflow the
-- lock table with one per goal), and each statement after the lock reads what the others committed (READ COMMITTED,
-- the application's level), so concurrent writers cannot leave a stale row.
CREATE OR REPLACE FUNCTION helhed_goal_rating_progress_recompute(m uuid[], g uuid[], f uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF coalesce(array_length(g, 1), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('goal_rating_progress'), b.bucket)
  FROM (SELECT DISTINCT hashtext(k.g::text) & 255 AS bucket FROM unnest(m, g, f) AS k(m, g, f)) b
  ORDER BY b.bucket;
  DELETE FROM goal_rating_progress p
  USING (SELECT DISTINCT * FROM unnest(m, g, f) AS k(m, g, f)) k
  WHERE p.municipality_id = k.m AND p.goal_id = k.g AND p.family_id = k.f;
  INSERT INTO goal_rating_progress (municipality_id, goal_id, family_id, days, first_date, first_sum, first_count, last_date, last_sum, last_count)
  SELECT d.municipality_id, d.goal_id, d.family_id, count(*)::int,
    min(d.date), (array_agg(d.s ORDER BY d.date))[1], (array_agg(d.c ORDER BY d.date))[1],
    max(d.date), (array_agg(d.s ORDER BY d.date DESC))[1], (array_agg(d.c ORDER BY d.date DESC))[1]
  FROM (
    SELECT r.municipality_id, r.goal_id, r.family_id, r.date, sum(r.value)::bigint AS s, count(*)::int AS c
    FROM goal_rating r
    JOIN (SELECT DISTINCT * FROM unnest(m, g, f) AS k(m, g, f)) k ON r.municipality_id = k.m AND r.goal_id = k.g AND r.family_id = k.f
    WHERE r.respondent = 'family'
    GROUP BY r.municipality_id, r.goal_id, r.family_id, r.date
  ) d
  GROUP BY d.municipality_id, d.goal_id, d.family_id;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION helhed_goal_rating_progress_recompute(uuid[], uuid[], uuid[]) FROM PUBLIC;
--> statement-breakpoint
-- After each statement on goal_rating: the goals whose family ratings it inserted, deleted or changed are recomputed.
CREATE OR REPLACE FUNCTION helhed_goal_rating_progress_refresh() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM goal_rating_progress;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM helhed_goal_rating_progress_recompute(array_agg(k.municipality_id), array_agg(k.goal_id), array_agg(k.family_id))
    FROM (SELECT DISTINCT municipality_id, goal_id, family_id FROM new_rows WHERE respondent = 'family') k;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM helhed_goal_rating_progress_recompute(array_agg(k.municipality_id), array_agg(k.goal_id), array_agg(k.family_id))
    FROM (SELECT DISTINCT municipality_id, goal_id, family_id FROM old_rows WHERE respondent = 'family') k;
  ELSE
    PERFORM helhed_goal_rating_progress_recompute(array_agg(k.municipality_id), array_agg(k.goal_id), array_agg(k.family_id))
    FROM (
      SELECT municipality_id, goal_id, family_id FROM new_rows WHERE respondent = 'family'
      UNION
      SELECT municipality_id, goal_id, family_id FROM old_rows WHERE respondent = 'family'
    ) k;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER goal_rating_progress_insert AFTER INSERT ON goal_rating REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION helhed_goal_rating_progress_refresh();
--> statement-breakpoint
CREATE TRIGGER goal_rating_progress_delete AFTER DELETE ON goal_rating REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION helhed_goal_rating_progress_refresh();
--> statement-breakpoint
CREATE TRIGGER goal_rating_progress_update AFTER UPDATE ON goal_rating REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION helhed_goal_rating_progress_refresh();
--> statement-breakpoint
CREATE TRIGGER goal_rating_progress_truncate AFTER TRUNCATE ON goal_rating
  FOR EACH STATEMENT EXECUTE FUNCTION helhed_goal_rating_progress_refresh();
--> statement-breakpoint
-- The ratings already there.
SELECT helhed_goal_rating_progress_recompute(array_agg(k.municipality_id), array_agg(k.goal_id), array_agg(k.family_id))
FROM (SELECT DISTINCT municipality_id, goal_id, family_id FROM goal_rating WHERE respondent = 'family') k;
