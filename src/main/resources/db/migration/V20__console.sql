-- The web console (issue 14).

-- A retry is a new run of the same task for the same fire time (so the same report period); it
-- names the run it retries. Its slot is a fresh uuid: (task, fire time, slot) stays unique, and a
-- run can be retried more than once.
ALTER TABLE runs ADD COLUMN retry_of bigint REFERENCES runs (id) ON DELETE SET NULL;
CREATE INDEX runs_retry_of_idx ON runs (retry_of) WHERE retry_of IS NOT NULL;

-- Who paused a task and when: a person (paused_by set) or the engine (paused_by NULL, reason set).
ALTER TABLE report_tasks ADD COLUMN paused_by uuid, ADD COLUMN paused_at timestamptz;

-- Queue statistics without scanning the queue: runs per task and status, kept by statement-level
-- triggers (one upsert per statement, rows locked in (task, status) order so two statements never
-- wait on each other in a cycle). A caller's counts are the sum over the tasks they see, so the
-- cost follows the number of visible tasks, not of runs. No foreign key: a task's rows may outlive
-- it (they are never visible again) rather than make a cascading delete fail.
CREATE TABLE run_counts (
  task_id uuid   NOT NULL,
  status  text   NOT NULL,
  n       bigint NOT NULL,
  PRIMARY KEY (task_id, status)
);
INSERT INTO run_counts (task_id, status, n)
  SELECT task_id, status, count(*) FROM runs GROUP BY task_id, status;

CREATE FUNCTION periodica_run_counts_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO run_counts AS c (task_id, status, n)
  SELECT (d->>'task_id')::uuid, d->>'status', (d->>'n')::bigint
  FROM jsonb_array_elements(deltas) d
  ORDER BY 1, 2
  ON CONFLICT (task_id, status) DO UPDATE SET n = c.n + EXCLUDED.n
$$;

CREATE FUNCTION periodica_run_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM periodica_run_counts_apply(COALESCE(
    (SELECT jsonb_agg(jsonb_build_object('task_id', task_id, 'status', status, 'n', n))
     FROM (SELECT task_id, status, count(*) AS n FROM new_rows GROUP BY 1, 2) d), '[]'));
  RETURN NULL;
END
$$;

CREATE FUNCTION periodica_run_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM periodica_run_counts_apply(COALESCE(
    (SELECT jsonb_agg(jsonb_build_object('task_id', task_id, 'status', status, 'n', n))
     FROM (SELECT task_id, status, sum(n) AS n
           FROM (SELECT n.task_id, n.status, 1 AS n
                 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.status <> o.status
                 UNION ALL
                 SELECT o.task_id, o.status, -1
                 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.status <> o.status) x
           GROUP BY 1, 2 HAVING sum(n) <> 0) d), '[]'));
  RETURN NULL;
END
$$;

CREATE FUNCTION periodica_run_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM periodica_run_counts_apply(COALESCE(
    (SELECT jsonb_agg(jsonb_build_object('task_id', task_id, 'status', status, 'n', -n))
     FROM (SELECT task_id, status, count(*) AS n FROM old_rows GROUP BY 1, 2) d), '[]'));
  RETURN NULL;
END
$$;

CREATE TRIGGER runs_counts_inserted AFTER INSERT ON runs
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION periodica_run_counts_inserted();
CREATE TRIGGER runs_counts_updated AFTER UPDATE ON runs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION periodica_run_counts_updated();
CREATE TRIGGER runs_counts_deleted AFTER DELETE ON runs
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION periodica_run_counts_deleted();

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
