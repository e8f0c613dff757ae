-- The role the application works as for every request. Row-level security applies to it; it owns nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'helhed_app') THEN
    CREATE ROLE helhed_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT helhed_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- already a member, or a superuser who may SET ROLE anyway
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO helhed_app;
--> statement-breakpoint
-- The request's municipality, or NULL when none is set (then no tenant row is visible).
CREATE OR REPLACE FUNCTION helhed_current_municipality() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('helhed.municipality_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION helhed_current_municipality() TO helhed_app;
--> statement-breakpoint
-- Puts a tenant table under row-level security keyed on municipality_id and grants the app role its rights.
CREATE OR REPLACE FUNCTION helhed_enable_tenancy(tbl regclass, privileges text DEFAULT 'SELECT, INSERT, UPDATE, DELETE')
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s TO helhed_app USING (municipality_id = helhed_current_municipality()) WITH CHECK (municipality_id = helhed_current_municipality())',
    tbl);
  EXECUTE format('REVOKE ALL ON %s FROM helhed_app', tbl);
  EXECUTE format('GRANT %s ON %s TO helhed_app', privileges, tbl);
END
$$;
--> statement-breakpoint
ALTER TABLE municipality ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON municipality TO helhed_app USING (id = helhed_current_municipality());
--> statement-breakpoint
GRANT SELECT ON municipality TO helhed_app;
--> statement-breakpoint
GRANT UPDATE (settings, name) ON municipality TO helhed_app;
--> statement-breakpoint
SELECT helhed_enable_tenancy('department');
--> statement-breakpoint
SELECT helhed_enable_tenancy('staff_user');
--> statement-breakpoint
SELECT helhed_enable_tenancy('session');
--> statement-breakpoint
-- The audit trail is append-only for the application: no UPDATE, no DELETE.
SELECT helhed_enable_tenancy('audit_event', 'SELECT, INSERT');
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_event_seq_seq TO helhed_app;
