-- Lists narrow the tasks a caller sees to theirs and to their reports' through indexes
-- (PgReportTaskRepository.LISTED_FOR_$1); the owner's side needs every task by owner, not only
-- those without a report.
CREATE INDEX report_tasks_owner_idx ON report_tasks (owner_id);
