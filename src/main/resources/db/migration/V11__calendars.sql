-- A task's calendar: a name (work, nowork, all) or an object of periods and exclude_dates;
-- null fires at any time.
ALTER TABLE report_tasks ADD COLUMN calendar jsonb;
