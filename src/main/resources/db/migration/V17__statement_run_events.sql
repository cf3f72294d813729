-- Run events per statement instead of per row (issue 12): a claim of 50 runs, a batch of outcomes or
-- a sweep announced 50 times is now one notification per ~6 kB of events (a NOTIFY payload holds at
-- most 8,000 bytes), a JSON array the listeners split. Rows whose status and progress did not
-- change (lease renewals, bookkeeping) are still not events.
DROP TRIGGER runs_events ON runs;
DROP FUNCTION periodica_run_event();

CREATE FUNCTION periodica_run_event_json(r runs) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', r.id, 'task_id', r.task_id, 'report_id', r.report_id, 'status', r.status,
    'progress', r.progress, 'trigger', r.trigger, 'scheduled_for', r.scheduled_for,
    'created_at', r.created_at, 'started_at', r.started_at, 'ended_at', r.ended_at,
    'attempt', r.attempt, 'instance', r.instance_id, 'error', left(r.error, 300),
    'updated_at', r.updated_at)
$$;

-- $1 the changed rows' events in id order; one notification per part of about 6,000 bytes
CREATE FUNCTION periodica_notify_run_events(events json[], stopped bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  part text;
BEGIN
  FOR part IN
    SELECT json_agg(e.event ORDER BY e.n)::text
    FROM (SELECT event, n, sum(octet_length(event::text)) OVER (ORDER BY n) / 6000 AS chunk
          FROM unnest(events) WITH ORDINALITY AS u (event, n)) e
    GROUP BY e.chunk
  LOOP
    PERFORM pg_notify('periodica_run_events', part);
  END LOOP;
  FOR part IN
    SELECT string_agg(s.id::text, ',' ORDER BY s.n)
    FROM unnest(stopped) WITH ORDINALITY AS s (id, n)
    GROUP BY (s.n - 1) / 300
  LOOP
    PERFORM pg_notify('periodica_run_stopped', part);
  END LOOP;
END
$$;

CREATE FUNCTION periodica_runs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM periodica_notify_run_events(
    ARRAY(SELECT periodica_run_event_json(n) FROM new_rows n ORDER BY n.id),
    ARRAY(SELECT n.id FROM new_rows n WHERE n.status IN ('cancel', 'cancel_too_long')
          ORDER BY n.id));
  RETURN NULL;
END
$$;

CREATE FUNCTION periodica_runs_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM periodica_notify_run_events(
    ARRAY(SELECT periodica_run_event_json(n) FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE n.status <> o.status OR n.progress <> o.progress ORDER BY n.id),
    ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE n.status <> o.status AND n.status IN ('cancel', 'cancel_too_long')
          ORDER BY n.id));
  RETURN NULL;
END
$$;

CREATE TRIGGER runs_events_inserted AFTER INSERT ON runs
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION periodica_runs_inserted();
CREATE TRIGGER runs_events_updated AFTER UPDATE ON runs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION periodica_runs_updated();
