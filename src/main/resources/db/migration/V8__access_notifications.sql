-- Who may see a task and its runs depends on these tables. Any statement changing them tells every
-- instance (delivered at commit), so live-progress connections re-check what their user may see
-- at once instead of trusting a cached answer.
CREATE FUNCTION notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('periodica_access', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER reports_access_changed AFTER UPDATE OF owner_id, is_system OR DELETE ON reports
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
CREATE TRIGGER report_users_access_changed AFTER INSERT OR UPDATE OR DELETE ON report_users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
CREATE TRIGGER report_groups_access_changed AFTER INSERT OR UPDATE OR DELETE ON report_groups
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
CREATE TRIGGER group_members_access_changed AFTER INSERT OR UPDATE OR DELETE ON group_members
  FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
