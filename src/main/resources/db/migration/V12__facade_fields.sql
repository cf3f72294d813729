-- The facades of seeds 001–004 (issue 11) serve the same tasks as the native API.
-- Numeric ids: bk-sops (and JSON:API callers) address reports and tasks by number.
ALTER TABLE reports ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE reports ADD CONSTRAINT reports_number_key UNIQUE (number);
ALTER TABLE report_tasks ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE report_tasks ADD CONSTRAINT report_tasks_number_key UNIQUE (number);

-- A task's own name (every facade has one), the interface that created it (a facade lists its
-- own tasks; JSON:API's Type user_task is a task created for a user's request), and the
-- attributes only its facade reads (bk_biz_id, opts, a service code, …), opaque to the core.
ALTER TABLE report_tasks ADD COLUMN name text;
ALTER TABLE report_tasks ADD COLUMN origin text NOT NULL DEFAULT 'api'
  CHECK (origin IN ('api', 'user_request', 'export', 'service', 'sops'));
ALTER TABLE report_tasks ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb;
CREATE INDEX report_tasks_origin_idx ON report_tasks (origin, created_at, id);
