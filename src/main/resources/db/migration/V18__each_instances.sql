-- Placement each may name the instances it runs on (the Era facade's "each listed site"): with a
-- list, one run per live instance the list names; without, one per live instance, as before. any
-- still has no list; first and one_of still need one.
ALTER TABLE report_tasks DROP CONSTRAINT report_tasks_placement_list;
ALTER TABLE report_tasks ADD CONSTRAINT report_tasks_placement_list
  CHECK (CASE placement
           WHEN 'any'  THEN cardinality(instances) = 0
           WHEN 'each' THEN true
           ELSE cardinality(instances) > 0
         END);
