-- Versioned task heads (the checksummed head file as bytes) and tuning jobs.
CREATE TABLE head_versions (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  head BYTEA NOT NULL,
  fingerprint TEXT NOT NULL,
  method TEXT NOT NULL,
  cv_macro_f1 DOUBLE PRECISION,
  zero_shot_macro_f1 DOUBLE PRECISION,
  examples INTEGER NOT NULL,
  created TEXT NOT NULL,
  PRIMARY KEY (task_id, version)
);

ALTER TABLE tasks ADD COLUMN active_version INTEGER;

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  progress DOUBLE PRECISION NOT NULL,
  message TEXT,
  version INTEGER,
  cv_macro_f1 DOUBLE PRECISION,
  zero_shot_macro_f1 DOUBLE PRECISION,
  created TEXT NOT NULL,
  finished TEXT
);
CREATE INDEX jobs_task ON jobs(task_id);
