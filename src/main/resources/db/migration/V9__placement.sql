-- Placement: where a task's runs execute (issue 10). Instances get a human name; a task says
-- any (one run, any instance or its pinned instance), each (one run per live instance), first
-- (the first live instance of its list) or one_of (any live instance of its list).
ALTER TABLE instances ADD COLUMN name text;
UPDATE instances SET name = host;
ALTER TABLE instances ALTER COLUMN name SET NOT NULL;

-- instances: ids and names (stored lower-case), only for first and one_of
ALTER TABLE report_tasks
  ADD COLUMN placement text   NOT NULL DEFAULT 'any'
    CHECK (placement IN ('any', 'each', 'first', 'one_of')),
  ADD COLUMN instances text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT report_tasks_placement_list
    CHECK ((placement IN ('first', 'one_of')) = (cardinality(instances) > 0));

-- A run keeps the placement it was made under and, for first and one_of, the list of instances
-- that may claim it (eligible). slot is the instance an each run belongs to (the nil uuid for the
-- other placements): exactly one run per task, fire time and slot, however many schedulers race.
ALTER TABLE runs
  ADD COLUMN placement text NOT NULL DEFAULT 'any'
    CHECK (placement IN ('any', 'each', 'first', 'one_of')),
  ADD COLUMN eligible  text[],
  ADD COLUMN slot      uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE runs DROP CONSTRAINT runs_task_id_scheduled_for_key;
ALTER TABLE runs ADD CONSTRAINT runs_task_fire_slot_key UNIQUE (task_id, scheduled_for, slot);

-- Housekeeping moves waiting first runs off dead instances and gives up listed runs no listed
-- instance will take; in a healthy queue there are none to look at.
CREATE INDEX runs_listed_waiting_idx ON runs (updated_at)
  WHERE status IN ('new', 'need_restart') AND eligible IS NOT NULL;
