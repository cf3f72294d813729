-- Housekeeping looks for runs that have waited long for the one instance they are pinned to; in a
-- healthy queue there are none, and this index lets it see so without reading the queue.
CREATE INDEX runs_pinned_waiting_idx ON runs (updated_at)
  WHERE status IN ('new', 'need_restart')
    AND pinned_instance <> '00000000-0000-0000-0000-000000000000';
