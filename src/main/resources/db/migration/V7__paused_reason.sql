ALTER TABLE report_tasks ADD COLUMN paused_reason text;
