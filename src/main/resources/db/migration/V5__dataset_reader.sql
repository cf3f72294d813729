-- The password of the login role that reads the datasets (raw SQL series included). Kept here so
-- every instance on this database logs in with the same one; the role itself has no right on this
-- schema, so it cannot read it.
CREATE TABLE dataset_reader_credentials (
  role        text PRIMARY KEY,
  password    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
