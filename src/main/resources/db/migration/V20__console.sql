-- The web console (issue 14).

-- A retry is a new run of the same task for the same fire time (so the same report period); it
-- names the run it retries. Its slot is a fresh uuid: (task, fire time, slot) stays unique, and a
-- run can be retried more than once.
ALTER TABLE runs ADD COLUMN retry_of bigint REFERENCES runs (id) ON DELETE SET NULL;
CREATE INDEX runs_retry_of_idx ON runs (retry_of) WHERE retry_of IS NOT NULL;

-- Who paused a task and when: a person (paused_by set) or the engine (paused_by NULL, reason set).
ALTER TABLE report_tasks ADD COLUMN paused_by uuid, ADD COLUMN paused_at timestamptz;

-- Queue statistics: runs per status of the caller's visible tasks, counted through an index on
-- (task, status). Counters kept by triggers on runs were tried and dropped: every statement on runs
-- (fires, claims, progress, lease renewals, outcomes) captured its rows and wrote deltas, and the
-- fire benchmark completed half as many runs.
CREATE INDEX runs_task_status_idx ON runs (task_id, status);
-- Runs finished per minute over the last hour, per visible task (created per minute already has
-- runs_task_created_idx).
CREATE INDEX runs_task_ended_idx ON runs (task_id, ended_at) WHERE ended_at IS NOT NULL;

-- WebSocket tickets: a browser cannot set Pgr-User-Id on an upgrade, so it trades the header for a
-- short-lived ticket, used once. Kept in the database so any instance can accept it; only the
-- SHA-256 of the ticket is stored.
CREATE TABLE ws_tickets (
  ticket_hash text PRIMARY KEY,
  user_id     uuid NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX ws_tickets_expires_idx ON ws_tickets (expires_at);
