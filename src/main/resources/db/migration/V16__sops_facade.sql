-- The bk-sops facade (seed 004, issue 11) names users by username and scopes its tasks by
-- bk_biz_id, kept in report_tasks.attributes.
-- Usernames, set through GET/PATCH /users/me, are unique whatever their case.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- A facade's listing filters its tasks by origin and by attributes (bk_biz_id), newest first.
CREATE INDEX report_tasks_sops_biz_idx ON report_tasks ((attributes ->> 'bk_biz_id'), number)
  WHERE origin = 'sops';
