-- The runs list, newest first, of a caller with few tasks reads each task and status's newest runs
-- from this index (PgRunQueueRepository.LIST_NEWEST), instead of every run of every user. It
-- replaces runs_task_status_idx (V20), of which it is an extension, so a run insert still updates
-- as many indexes as before; queue statistics count runs per task and status through it as they did
-- through the one it replaces.
CREATE INDEX runs_task_status_id_idx ON runs (task_id, status, id);
DROP INDEX runs_task_status_idx;
