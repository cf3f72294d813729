-- Files of runs deleted by any path (retention, or a report or task deleted with its runs by
-- cascade) are queued here; the retention chore removes them from storage.
CREATE TABLE orphan_files (
  path        text PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION periodica_run_file_orphaned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO orphan_files (path) VALUES (OLD.file_path) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER runs_file_orphaned AFTER DELETE ON runs
  FOR EACH ROW WHEN (OLD.file_path IS NOT NULL) EXECUTE FUNCTION periodica_run_file_orphaned();
