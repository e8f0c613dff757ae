SELECT helhed_enable_tenancy('life_domain');
--> statement-breakpoint
SELECT helhed_enable_tenancy('plan');
--> statement-breakpoint
SELECT helhed_enable_tenancy('plan_baseline');
--> statement-breakpoint
SELECT helhed_enable_tenancy('plan_goal');
--> statement-breakpoint
SELECT helhed_enable_tenancy('plan_action');
--> statement-breakpoint
SELECT helhed_enable_tenancy('plan_version');
--> statement-breakpoint
SELECT helhed_enable_tenancy('plan_sign_off');
--> statement-breakpoint
SELECT helhed_enable_tenancy('intervention_goal');
--> statement-breakpoint
SELECT helhed_enable_tenancy('goal_rating');
--> statement-breakpoint
SELECT helhed_enable_tenancy('meeting');
--> statement-breakpoint
SELECT helhed_enable_tenancy('meeting_participant');
--> statement-breakpoint
SELECT helhed_enable_tenancy('meeting_decision');
--> statement-breakpoint
SELECT helhed_enable_tenancy('journal_note');
--> statement-breakpoint
SELECT helhed_enable_tenancy('journal_addendum');
--> statement-breakpoint
SELECT helhed_enable_tenancy('task');
--> statement-breakpoint
-- Notatpligt: a finalised note never changes. The app role may not delete notes or addenda at all.
SELECT helhed_enable_tenancy('journal_note', 'SELECT, INSERT, UPDATE');
--> statement-breakpoint
SELECT helhed_enable_tenancy('journal_addendum', 'SELECT, INSERT');
--> statement-breakpoint
-- Defence in depth for notatpligt: the database itself refuses to change a finalised note's content.
CREATE OR REPLACE FUNCTION helhed_journal_note_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.finalised_at IS NOT NULL OR OLD.created_at <= now() - interval '24 hours' THEN
    IF NEW.text IS DISTINCT FROM OLD.text OR NEW.type IS DISTINCT FROM OLD.type
       OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at OR NEW.person_ids IS DISTINCT FROM OLD.person_ids
       OR NEW.goal_ids IS DISTINCT FROM OLD.goal_ids OR NEW.restricted IS DISTINCT FROM OLD.restricted
       OR NEW.author_id IS DISTINCT FROM OLD.author_id OR NEW.family_id IS DISTINCT FROM OLD.family_id THEN
      RAISE EXCEPTION 'journal note % is finalised and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_note_locked BEFORE UPDATE ON journal_note FOR EACH ROW EXECUTE FUNCTION helhed_journal_note_locked();
