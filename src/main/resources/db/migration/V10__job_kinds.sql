-- Job kinds (issue 10): a task of a kind that needs no report (http.request, dataset.export,
-- maintenance) has none, and neither have its runs; such a task is seen only by its owner.
ALTER TABLE report_tasks ALTER COLUMN report_id DROP NOT NULL;
ALTER TABLE runs ALTER COLUMN report_id DROP NOT NULL;
CREATE INDEX report_tasks_reportless_owner_idx ON report_tasks (owner_id) WHERE report_id IS NULL;

-- What a run's job recorded: the file it wrote and its row count, the HTTP status it got, …
ALTER TABLE runs ADD COLUMN result jsonb;
