-- Versioned task heads (the checksummed head file as a blob) and tuning jobs.
CREATE TABLE head_versions (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  head BLOB NOT NULL,
  fingerprint TEXT NOT NULL,
  method TEXT NOT NULL,
  cv_macro_f1 REAL,
  zero_shot_macro_f1 REAL,
  examples INTEGER NOT NULL,
  created TEXT NOT NULL,
  PRIMARY KEY (task_id, version)
);

ALTER TABLE tasks ADD COLUMN active_version INTEGER;

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  progress REAL NOT NULL,
  message TEXT,
  version INTEGER,
  cv_macro_f1 REAL,
  zero_shot_macro_f1 REAL,
  created TEXT NOT NULL,
  finished TEXT
);
CREATE INDEX jobs_task ON jobs(task_id);
