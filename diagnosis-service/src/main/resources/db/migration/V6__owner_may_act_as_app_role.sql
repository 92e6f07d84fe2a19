-- The service's connections switch to the application role with SET ROLE (unless a separate
-- login is configured), so the migration owner must be a member of it. A superuser already is;
-- an owner that created the role holds ADMIN OPTION on it and may grant it to itself. Where
-- neither holds, a DBA runs: CREATE ROLE qianli_app NOLOGIN; GRANT qianli_app TO <owner>.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, '${appRole}', 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', '${appRole}', current_user);
    END IF;
END
$$;
