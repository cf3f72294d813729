-- Every change of a run's status or progress is announced to every instance (LISTEN/NOTIFY):
-- WebSocket subscribers see runs executed anywhere, and workers learn at once that a run they
-- execute was cancelled or timed out. A trigger makes this hold for every code path.
CREATE FUNCTION periodica_run_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.progress = OLD.progress THEN
    RETURN NULL; -- lease renewals and other bookkeeping are not events
  END IF;
  PERFORM pg_notify('periodica_run_events', json_build_object(
    'id', NEW.id, 'task_id', NEW.task_id, 'report_id', NEW.report_id, 'status', NEW.status,
    'progress', NEW.progress, 'trigger', NEW.trigger, 'scheduled_for', NEW.scheduled_for,
    'created_at', NEW.created_at, 'started_at', NEW.started_at, 'ended_at', NEW.ended_at,
    'attempt', NEW.attempt, 'instance', NEW.instance_id, 'error', left(NEW.error, 500),
    'updated_at', NEW.updated_at)::text);
  IF NEW.status IN ('cancel', 'cancel_too_long') THEN
    PERFORM pg_notify('periodica_run_stopped', NEW.id::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER runs_events AFTER INSERT OR UPDATE ON runs
  FOR EACH ROW EXECUTE FUNCTION periodica_run_event();
