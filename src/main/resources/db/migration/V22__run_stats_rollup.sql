-- Queue statistics without counting a million index entries per request (issue 14: "cheap on a
-- queue of 1,000,000 runs"). Housekeeping folds the runs created and ended before a mark into the
-- rollup below; a request adds the few runs created or ended since the mark (through the indexes
-- on created_at and ended_at) and counts the runs in_action and need_restart live (the workers'
-- concurrency and the retries waiting bound them). `new` is what is left: every run not ended,
-- not in_action and not need_restart. Nothing is added to the statements that create, claim,
-- progress or end runs; only deletes (retention, a task or report deleted with its runs) adjust the
-- rollup, from a statement-level trigger.

-- The rollup reads "ended" from ended_at: it is set exactly when a run reaches a final status
-- (which it never leaves). Every statement of the server keeps this; the constraint makes it a
-- rule, so rows written by hand cannot put the counts off.
UPDATE runs SET ended_at = updated_at
WHERE ended_at IS NULL AND status IN ('complete', 'cancel', 'error', 'cancel_too_long');
UPDATE runs SET ended_at = NULL
WHERE ended_at IS NOT NULL AND status IN ('new', 'in_action', 'need_restart');
ALTER TABLE runs ADD CONSTRAINT runs_ended_iff_final
  CHECK ((ended_at IS NOT NULL) = (status IN ('complete', 'cancel', 'error', 'cancel_too_long')));

-- The fold and the request's delta read runs ended in a time range, over all tasks.
-- runs_task_ended_idx (V20) served the per-task chart query this replaces.
DROP INDEX runs_task_ended_idx;
CREATE INDEX runs_ended_idx ON runs (ended_at) WHERE ended_at IS NOT NULL;

-- One row: runs created or ended before folded_to are in the rollup; recounted_at is the last
-- full recount (which also mends a run that committed after a fold had passed its time).
-- '-infinity' until the first fold: the requests then count everything themselves.
CREATE TABLE run_stats_state (
  only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  folded_to     timestamptz NOT NULL,
  recounted_at  timestamptz NOT NULL
);
INSERT INTO run_stats_state (folded_to, recounted_at) VALUES ('-infinity', '-infinity');

-- Per task: its runs created before folded_to, and those ended before it per final status. No
-- foreign key: a request joins the caller's visible tasks (a deleted task is not among them) and
-- the fold drops rows of tasks that are gone.
CREATE TABLE run_stats_totals (
  task_id          uuid PRIMARY KEY,
  created          bigint NOT NULL DEFAULT 0,
  complete         bigint NOT NULL DEFAULT 0,
  error            bigint NOT NULL DEFAULT 0,
  cancel           bigint NOT NULL DEFAULT 0,
  cancel_too_long  bigint NOT NULL DEFAULT 0
);

-- Per task and minute of the last hour before folded_to: runs created and runs ended in it.
CREATE TABLE run_stats_minutes (
  task_id   uuid NOT NULL,
  minute    timestamptz NOT NULL,
  created   bigint NOT NULL DEFAULT 0,
  finished  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (task_id, minute)
);
CREATE INDEX run_stats_minutes_minute_idx ON run_stats_minutes (minute);

-- Deleted runs leave the rollup if it holds them. The state row is locked first: a fold in
-- progress finishes first, and the mark read is the one the deleted rows were folded against (a
-- fold that starts later does not see them). Deletes (retention batches, a task or report deleted
-- with its runs) are rare enough to take turns; taking turns also orders their updates of the
-- rollup rows, so two of them cannot deadlock there.
CREATE FUNCTION periodica_runs_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mark timestamptz;
BEGIN
  SELECT folded_to INTO mark FROM run_stats_state FOR UPDATE;
  UPDATE run_stats_totals s
  SET created = s.created - g.created, complete = s.complete - g.complete,
      error = s.error - g.error, cancel = s.cancel - g.cancel,
      cancel_too_long = s.cancel_too_long - g.cancel_too_long
  FROM (SELECT o.task_id,
               count(*) FILTER (WHERE o.created_at < mark) AS created,
               count(*) FILTER (WHERE o.ended_at < mark AND o.status = 'complete') AS complete,
               count(*) FILTER (WHERE o.ended_at < mark AND o.status = 'error') AS error,
               count(*) FILTER (WHERE o.ended_at < mark AND o.status = 'cancel') AS cancel,
               count(*) FILTER (WHERE o.ended_at < mark AND o.status = 'cancel_too_long')
                 AS cancel_too_long
        FROM old_rows o GROUP BY o.task_id) g
  WHERE s.task_id = g.task_id;
  UPDATE run_stats_minutes s
  SET created = s.created - g.created, finished = s.finished - g.finished
  FROM (SELECT e.task_id, e.minute, sum(e.created) AS created, sum(e.finished) AS finished
        FROM (SELECT o.task_id, date_trunc('minute', o.created_at, 'UTC') AS minute, 1 AS created,
                     0 AS finished
              FROM old_rows o WHERE o.created_at < mark
              UNION ALL
              SELECT o.task_id, date_trunc('minute', o.ended_at, 'UTC'), 0, 1
              FROM old_rows o WHERE o.ended_at < mark) e
        GROUP BY e.task_id, e.minute) g
  WHERE s.task_id = g.task_id AND s.minute = g.minute;
  RETURN NULL;
END
$$;

CREATE TRIGGER runs_stats_deleted AFTER DELETE ON runs
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION periodica_runs_deleted();

-- The run detail's timeline shows every attempt with its instance (issue 14). A run's own columns
-- hold its latest attempt; when an attempt ends in need_restart (a retry to come) it is appended
-- here first, since the next claim overwrites started_at and instance_id. Only failed attempts
-- write it, in the statements that already write the failure.
ALTER TABLE runs ADD COLUMN attempts jsonb;

-- A user may hold only a few unused WebSocket tickets at once (WsTickets.MAX_UNUSED); issuing one
-- counts theirs.
CREATE INDEX ws_tickets_user_idx ON ws_tickets (user_id, expires_at);
