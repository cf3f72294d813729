-- The console's run counters (V20) upserted one row per (task, status) in every statement that
-- touched runs: the scheduler's inserts, the workers' claims and their outcomes, all on the same
-- tasks, queued on each other's row locks, and the fire benchmark completed a third of its runs.
-- Statements now append their deltas (no shared row, nothing waits); housekeeping folds them into
-- run_counts, and the stats read both, so counts stay exact between folds.
CREATE TABLE run_count_deltas (
  id      bigserial PRIMARY KEY,
  task_id uuid   NOT NULL,
  status  text   NOT NULL,
  n       bigint NOT NULL
);
CREATE INDEX run_count_deltas_task_idx ON run_count_deltas (task_id);

-- The triggers write their deltas directly (no jsonb round trip): one INSERT per statement.
CREATE OR REPLACE FUNCTION periodica_run_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO run_count_deltas (task_id, status, n)
  SELECT task_id, status, count(*) FROM new_rows GROUP BY 1, 2;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION periodica_run_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO run_count_deltas (task_id, status, n)
  SELECT task_id, status, sum(n) FROM (
    SELECT n.task_id, n.status, 1 AS n
    FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.status <> o.status
    UNION ALL
    SELECT o.task_id, o.status, -1
    FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.status <> o.status) x
  GROUP BY 1, 2 HAVING sum(n) <> 0;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION periodica_run_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO run_count_deltas (task_id, status, n)
  SELECT task_id, status, -count(*) FROM old_rows GROUP BY 1, 2;
  RETURN NULL;
END
$$;

DROP FUNCTION periodica_run_counts_apply(jsonb);

-- Folds up to `batch` deltas into run_counts; instances folding at once take different deltas
-- (SKIP LOCKED) and upsert in (task, status) order. Answers the deltas folded.
CREATE FUNCTION periodica_fold_run_counts(batch int) RETURNS bigint LANGUAGE sql AS $$
  WITH moved AS (
    DELETE FROM run_count_deltas WHERE id IN (
      SELECT id FROM run_count_deltas ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED)
    RETURNING task_id, status, n),
  summed AS (SELECT task_id, status, sum(n)::bigint AS n, count(*) AS k FROM moved GROUP BY 1, 2),
  applied AS (
    INSERT INTO run_counts AS c (task_id, status, n)
    SELECT task_id, status, n FROM summed ORDER BY 1, 2
    ON CONFLICT (task_id, status) DO UPDATE SET n = c.n + EXCLUDED.n)
  SELECT COALESCE(sum(k), 0)::bigint FROM summed
$$;
