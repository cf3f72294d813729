-- periodica schema, version 1: the objects of the native API and the run queue.
-- Every row carries created_at/updated_at (timestamptz); ids are uuids except runs, whose
-- bigint identity orders the queue.

CREATE TABLE users (
  id          uuid PRIMARY KEY,
  email       text,
  first_name  text,
  last_name   text,
  username    text,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE groups (
  id                      uuid PRIMARY KEY,
  owner_id                uuid NOT NULL REFERENCES users (id),
  name                    text NOT NULL,
  parent_group            text,
  realm_id                text,
  email                   text,
  phone_number            text,
  leader_id               text,
  accept_risk             boolean NOT NULL DEFAULT false,
  visible_scan_schedules  boolean NOT NULL DEFAULT false,
  stop_scans              boolean NOT NULL DEFAULT false,
  edited_by               text,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL
);
CREATE INDEX groups_owner_idx ON groups (owner_id);
CREATE INDEX groups_name_idx ON groups (lower(name) text_pattern_ops);

CREATE TABLE group_members (
  group_id  uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user_idx ON group_members (user_id);

CREATE TABLE categories (
  id          uuid PRIMARY KEY,
  owner_id    uuid NOT NULL REFERENCES users (id),
  name        text NOT NULL,
  parent_id   uuid REFERENCES categories (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_owner_idx ON categories (owner_id);
CREATE INDEX categories_parent_idx ON categories (parent_id);
CREATE INDEX categories_name_idx ON categories (lower(name) text_pattern_ops);

CREATE TABLE dashboards (
  id          uuid PRIMARY KEY,
  owner_id    uuid NOT NULL REFERENCES users (id),
  name        text NOT NULL,
  config      jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX dashboards_owner_idx ON dashboards (owner_id);
CREATE INDEX dashboards_name_idx ON dashboards (lower(name) text_pattern_ops);

CREATE TABLE dashboard_users (
  dashboard_id  uuid NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (dashboard_id, user_id)
);
CREATE INDEX dashboard_users_user_idx ON dashboard_users (user_id);

CREATE TABLE dashboard_groups (
  dashboard_id  uuid NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
  group_id      uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  PRIMARY KEY (dashboard_id, group_id)
);
CREATE INDEX dashboard_groups_group_idx ON dashboard_groups (group_id);

CREATE TABLE widgets (
  id            uuid PRIMARY KEY,
  dashboard_id  uuid NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
  name          text NOT NULL,
  config        jsonb NOT NULL DEFAULT '{}',
  settings      jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX widgets_dashboard_idx ON widgets (dashboard_id);
CREATE INDEX widgets_name_idx ON widgets (lower(name) text_pattern_ops);

CREATE TABLE reports (
  id            uuid PRIMARY KEY,
  owner_id      uuid NOT NULL REFERENCES users (id),
  name          text NOT NULL,
  config        jsonb NOT NULL DEFAULT '{}',
  settings      jsonb NOT NULL DEFAULT '{}',
  is_system     boolean NOT NULL DEFAULT false,
  category_id   uuid REFERENCES categories (id) ON DELETE SET NULL,
  dashboard_id  uuid REFERENCES dashboards (id) ON DELETE SET NULL,
  task_id       uuid,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX reports_owner_idx ON reports (owner_id);
CREATE INDEX reports_category_idx ON reports (category_id);
CREATE INDEX reports_dashboard_idx ON reports (dashboard_id);
CREATE INDEX reports_system_idx ON reports (is_system) WHERE is_system;
CREATE INDEX reports_name_idx ON reports (lower(name) text_pattern_ops);

CREATE TABLE report_users (
  report_id  uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (report_id, user_id)
);
CREATE INDEX report_users_user_idx ON report_users (user_id);

CREATE TABLE report_groups (
  report_id  uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  group_id   uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  PRIMARY KEY (report_id, group_id)
);
CREATE INDEX report_groups_group_idx ON report_groups (group_id);

CREATE TABLE report_tasks (
  id           uuid PRIMARY KEY,
  report_id    uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  owner_id     uuid NOT NULL REFERENCES users (id),
  interval     text NOT NULL,
  instance     uuid NOT NULL,
  job          text NOT NULL DEFAULT 'report.generate',
  params       jsonb NOT NULL DEFAULT '{}',
  timezone     text NOT NULL DEFAULT 'UTC',
  enabled      boolean NOT NULL DEFAULT true,
  next_run_at  timestamptz,
  last_run_at  timestamptz,
  run_count    bigint NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX report_tasks_report_idx ON report_tasks (report_id, created_at DESC);
CREATE INDEX report_tasks_due_idx ON report_tasks (next_run_at) WHERE enabled;

ALTER TABLE reports
  ADD CONSTRAINT reports_task_fk FOREIGN KEY (task_id) REFERENCES report_tasks (id) ON DELETE SET NULL;

CREATE TABLE instances (
  id            uuid PRIMARY KEY,
  host          text NOT NULL,
  version       text NOT NULL,
  started_at    timestamptz NOT NULL,
  heartbeat_at  timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

-- The run queue (seed 001's reportQueue): one row per execution of a task.
CREATE TABLE runs (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id         uuid NOT NULL REFERENCES report_tasks (id) ON DELETE CASCADE,
  report_id       uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  status          text NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'in_action', 'complete', 'cancel', 'error',
                                    'need_restart', 'cancel_too_long')),
  progress        smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  trigger         text NOT NULL DEFAULT 'schedule' CHECK (trigger IN ('schedule', 'manual')),
  scheduled_for   timestamptz NOT NULL,
  attempt         integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  pinned_instance uuid NOT NULL,
  instance_id     uuid,
  lease_until     timestamptz,
  not_before      timestamptz,
  error           text,
  file_name       text,
  file_path       text,
  file_size       bigint,
  content_type    text,
  checksum        text,
  version         integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL,
  started_at      timestamptz,
  ended_at        timestamptz,
  updated_at      timestamptz NOT NULL,
  UNIQUE (task_id, scheduled_for)
);
CREATE INDEX runs_claim_idx ON runs (status, not_before, id) WHERE status IN ('new', 'need_restart');
CREATE INDEX runs_lease_idx ON runs (lease_until) WHERE status = 'in_action';
CREATE INDEX runs_report_idx ON runs (report_id);
CREATE INDEX runs_created_idx ON runs (created_at);
