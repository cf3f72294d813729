-- Scheduling policies of a task (issue 3): active window, overlap, misfire, retries, timeout.
ALTER TABLE report_tasks
  ADD COLUMN start_at        timestamptz,
  ADD COLUMN stop_at         timestamptz,
  ADD COLUMN overlap         text    NOT NULL DEFAULT 'skip' CHECK (overlap IN ('skip', 'allow')),
  ADD COLUMN misfire         text    NOT NULL DEFAULT 'once' CHECK (misfire IN ('once', 'skip', 'all')),
  ADD COLUMN max_attempts    integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 100),
  ADD COLUMN timeout_seconds integer NOT NULL DEFAULT 3600 CHECK (timeout_seconds BETWEEN 1 AND 604800),
  ADD CONSTRAINT report_tasks_window CHECK (start_at IS NULL OR stop_at IS NULL OR start_at < stop_at);

-- runs of a task that are not finished yet: the overlap check and the queue views read them
CREATE INDEX runs_task_active_idx ON runs (task_id) WHERE status IN ('new', 'in_action', 'need_restart');
CREATE INDEX runs_task_created_idx ON runs (task_id, created_at DESC);
